package ablate.plugins.classification;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ai.djl.nn.Block;
import ai.djl.ndarray.types.Shape;

import java.util.function.IntFunction;

/** Slot {@code model}: a classifier network from images (N, C, H, W) to logits (N, classes). */
public interface BackbonePlugin extends Plugin {
    /**
     * @param imageShape (C, H, W) of one input
     * @param classes    number of output logits
     * @param attention  makes the attention block for a feature map of the given channel count; models with
     *                   residual blocks insert one in every block (before the addition), others ignore it
     */
    Block create(Shape imageShape, int classes, IntFunction<Block> attention, Params params);
}
