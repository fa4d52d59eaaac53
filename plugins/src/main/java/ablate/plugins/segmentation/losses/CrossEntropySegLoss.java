package ablate.plugins.segmentation.losses;

import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.common.Constant;
import ablate.plugins.segmentation.SegmentationLossPlugin;
import ai.djl.ndarray.NDArray;

/**
 * Pixel-wise softmax cross-entropy, the mean over counted pixels of −log p(true class); ignored pixels count in
 * neither sum nor mean (as {@code torch.nn.CrossEntropyLoss(ignore_index=255)}, reduction mean).
 */
public final class CrossEntropySegLoss implements SegmentationLossPlugin {
    static final PluginInfo INFO = PluginInfo.of("seg-loss.ce", SegLossesModule.SLOT,
            "Pixel-wise softmax cross-entropy, mean over pixels that are not ignored",
            "J. Long, E. Shelhamer, T. Darrell. Fully Convolutional Networks for Semantic Segmentation. CVPR 2015 "
                    + "(per-pixel multinomial logistic loss)",
            null);

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, int ignoreIndex, Params params) {
        return of(logits, labels, ignoreIndex);
    }

    static NDArray of(NDArray logits, NDArray labels, int ignoreIndex) {
        int classes = Math.toIntExact(logits.getShape().get(1));
        NDArray valid = Overlap.valid(labels, ignoreIndex);
        NDArray truth = Overlap.oneHot(labels, valid, classes);
        NDArray picked = logits.logSoftmax(1).mul(truth).sum();                    // Σ log p(true) over counted pixels
        NDArray counted = valid.sum().maximum(Constant.like(valid, 1));            // no counted pixel: loss 0, not 0/0
        return picked.neg().div(counted);
    }
}
