package ablate.plugins.superres;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ai.djl.nn.Block;

/**
 * Slot {@code model} of the super-resolution task: a network from a low-resolution luma image (N, 1, h, w), values
 * Y/255, to the high-resolution one (N, 1, s·h, s·w) — or, where {@link #upsampledInput()} is true, from the
 * bicubic-upscaled image (N, 1, s·h, s·w) to the restored one (SRCNN). {@link #create} returns null for a method
 * with nothing to train (bicubic), which the task then applies directly.
 */
public interface SrModelPlugin extends Plugin {
    /** The network for scale {@code scale}, or null when the method is plain bicubic upscaling. */
    Block create(int scale, Params params);

    /** True when the network's input is the bicubic-upscaled image rather than the low-resolution one. */
    default boolean upsampledInput() {
        return false;
    }

    /** False for a method with nothing to train (then {@link #create} returns null and no patch is needed). */
    default boolean trains() {
        return true;
    }

    /**
     * The network's receptive field in low-resolution pixels (rounded up): a test image whose low-resolution side
     * is smaller, i.e. whose HR side is under scale × this, is refused before training.
     */
    int receptiveField(int scale, Params params);

    /**
     * Low-resolution pixels on each side of a pixel that its output depends on (the receptive field's radius,
     * rounded up): training feeds this much real image context around each patch and scores only the patch's
     * interior, as the papers' valid convolutions do, and inference mirrors the image's border by it, so no output
     * pixel that is scored ever sees the convolutions' zero padding.
     */
    int margin(int scale, Params params);
}
