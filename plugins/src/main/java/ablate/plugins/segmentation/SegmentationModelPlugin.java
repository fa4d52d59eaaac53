package ablate.plugins.segmentation;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ai.djl.nn.Block;

import java.util.function.IntFunction;

/** Slot {@code model} of the segmentation task: images (N, C, H, W) to per-pixel logits (N, classes, H, W). */
public interface SegmentationModelPlugin extends Plugin {
    /**
     * @param channels  input channels
     * @param classes   output logits per pixel
     * @param attention makes the attention block for a feature map of the given channel count; the network puts
     *                  one after every convolution block
     */
    Block create(int channels, int classes, IntFunction<Block> attention, Params params);
}
