package ablate.plugins.attention;

import ablate.plugins.common.MacCounted;
import ablate.plugins.common.ModelCost;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Squeeze-and-excitation (Hu et al. 2018): global average pool to (N, C), FC C→h with ReLU, FC h→C with
 * sigmoid, then each channel scaled by its gate. Both FC layers have biases: 2·C·h + h + C parameters.
 */
public final class SeBlock extends FeatureMapAttention implements MacCounted {
    private final int hidden;
    private final Linear squeeze;
    private final Linear excite;

    public SeBlock(int channels, int hidden) {
        super(channels);
        if (hidden < 1) {
            throw new IllegalArgumentException("SeBlock: hidden units must be >= 1, got " + hidden);
        }
        this.hidden = hidden;
        squeeze = addChildBlock("squeeze", Linear.builder().setUnits(hidden).build());
        excite = addChildBlock("excite", Linear.builder().setUnits(channels).build());
    }

    public int hidden() {
        return hidden;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray z = Activation.relu(squeeze.forward(store, new NDList(Pool.globalAvgPool2d(x)), training).singletonOrThrow());
        NDArray gate = Activation.sigmoid(excite.forward(store, new NDList(z), training).singletonOrThrow());
        return new NDList(x.mul(gate.reshape(x.getShape().get(0), channels, 1, 1)));
    }

    @Override
    protected void initializeChildren(NDManager manager, DataType dataType, long batch, Shape in) {
        squeeze.initialize(manager, dataType, new Shape(batch, channels));
        excite.initialize(manager, dataType, new Shape(batch, hidden));
    }

    @Override
    public long macs(Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        return ModelCost.macs(squeeze, new Shape(batch, channels)) + ModelCost.macs(excite, new Shape(batch, hidden));
    }
}
