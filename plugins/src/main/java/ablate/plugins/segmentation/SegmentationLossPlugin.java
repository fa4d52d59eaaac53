package ablate.plugins.segmentation;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ai.djl.ndarray.NDArray;

/** Slot {@code loss} of the segmentation task: a scalar training loss from per-pixel class logits. */
public interface SegmentationLossPlugin extends Plugin {
    /**
     * @param logits      float32 (N, K, H, W) class scores
     * @param labels      int32 (N, H, W) class ids in 0..K-1, or {@code ignoreIndex} for pixels that do not count
     * @param ignoreIndex the label of pixels left out of the loss
     * @return a differentiable scalar; every number in it must go through {@code Constant.like}
     */
    NDArray loss(NDArray logits, NDArray labels, int ignoreIndex, Params params);
}
