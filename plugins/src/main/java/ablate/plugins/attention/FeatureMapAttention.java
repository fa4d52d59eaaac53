package ablate.plugins.attention;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;

/**
 * Base of the attention blocks: reweights a feature map (N, C, H, W) of a fixed channel count and returns the
 * same shape. Checks the input shape once, at initialization, and lets subclasses size their children.
 */
public abstract class FeatureMapAttention extends AbstractBlock {
    /**
     * The spatial axes of (N, C, H, W). DJL's PyTorch engine reduces {@code mean} and {@code max} over one axis
     * only ({@code sum} over several), so global pools use {@link ai.djl.nn.pooling.Pool}.
     */
    protected static final int[] SPATIAL = {2, 3};
    /** The channel axis of (N, C, H, W). */
    protected static final int[] CHANNEL = {1};

    protected final int channels;

    protected FeatureMapAttention(int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": channels must be >= 1, got " + channels);
        }
        this.channels = channels;
    }

    public int channels() {
        return channels;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 4 || in.get(1) != channels) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " made for " + channels
                    + " channels expects input (N, " + channels + ", H, W), got " + in);
        }
        initializeChildren(manager, dataType, in.get(0), in);
    }

    /** Initializes the children for a batch of {@code batch} feature maps of shape {@code in}. */
    protected abstract void initializeChildren(NDManager manager, DataType dataType, long batch, Shape in);
}
