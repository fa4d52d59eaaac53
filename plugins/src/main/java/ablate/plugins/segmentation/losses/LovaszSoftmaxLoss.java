package ablate.plugins.segmentation.losses;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.common.Constant;
import ablate.plugins.segmentation.SegmentationLossPlugin;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * Lovász-softmax loss (Berman et al. 2018, Alg. 1 and eq. 12; the authors' {@code lovasz_softmax}, classes
 * "present", per batch): for each class c present in the batch's ground truth, the pixel errors
 * e = |1[y = c] − p_c| sorted in decreasing order, dotted with the gradient of the Lovász extension of the
 * Jaccard loss at that order (from the sorted ground truth: J_i = 1 − (G − cumsum(g)_i) / (G + cumsum(1 − g)_i),
 * differences of consecutive J); the mean over present classes. Ignored pixels get error 0 and no ground truth,
 * so they sort last and add nothing.
 */
public final class LovaszSoftmaxLoss implements SegmentationLossPlugin {
    static final PluginInfo INFO = PluginInfo.of("seg-loss.lovasz", SegLossesModule.SLOT,
            "Lovász-softmax: convex surrogate of the per-class Jaccard (IoU) loss",
            "M. Berman, A. Rannen Triki, M. B. Blaschko. The Lovász-Softmax Loss: A Tractable Surrogate for the "
                    + "Optimization of the Intersection-Over-Union Measure in Neural Networks. CVPR 2018",
            Claim.raises("mIoU", "optimizing Lovász-softmax instead of cross-entropy raises mIoU (the paper: ENet on "
                    + "Cityscapes, DeepLab-v2 on Pascal VOC)"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, int ignoreIndex, Params params) {
        int classes = Math.toIntExact(logits.getShape().get(1));
        NDArray valid = Overlap.valid(labels, ignoreIndex);
        // (K, P): every class's probabilities and ground truth over the batch's pixels
        NDArray p = logits.softmax(1).mul(valid.expandDims(1)).transpose(1, 0, 2, 3).reshape(classes, -1);
        NDArray fg = Overlap.oneHot(labels, valid, classes).transpose(1, 0, 2, 3).reshape(classes, -1);
        NDArray errors = fg.sub(p).abs();
        NDArray order = errors.argSort(1, false);                       // decreasing error
        NDArray sorted = errors.gather(order, 1);
        NDArray truth = fg.gather(order, 1);
        NDArray total = truth.sum(new int[]{1}, true);                    // (K, 1) ground-truth pixels
        NDArray intersection = total.sub(truth.cumSum(1));
        NDArray union = total.add(Constant.like(truth, 1).sub(truth).cumSum(1));
        NDArray jaccard = Constant.like(union, 1).sub(intersection.div(union));
        NDArray grad = NDArrays.concat(new NDList(jaccard.get(":, :1"),
                jaccard.get(":, 1:").sub(jaccard.get(":, :-1"))), 1);
        NDArray perClass = sorted.mul(grad).sum(new int[]{1});            // (K)
        NDArray present = total.squeeze(1).gt(Constant.like(total, 0)).toType(DataType.FLOAT32, false);
        NDArray count = present.sum().maximum(Constant.like(present, 1));
        return perClass.mul(present).sum().div(count);
    }
}
