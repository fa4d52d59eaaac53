package ablate.plugins.classification;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ai.djl.ndarray.NDArray;

/** Slot {@code loss} of the classification task: the training loss from logits and labels. */
public interface LossPlugin extends Plugin {
    /**
     * @param logits      float32 (N, K) class scores
     * @param labels      integer (N) class ids in 0..K-1
     * @param classCounts training images per class (K of them, each at least 1), for the losses that use the
     *                    label distribution (class-balanced weights, logit adjustment); the others ignore it
     * @return the batch's mean loss, a differentiable scalar; every number in it must go through
     *         {@code Constant.like} (or {@code LossMath.vector}), never a Java number operand
     */
    NDArray loss(NDArray logits, NDArray labels, int[] classCounts, Params params);
}
