package ablate.plugins.classification.losses;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.classification.LossPlugin;
import ablate.plugins.common.Constant;
import ai.djl.ndarray.NDArray;

/**
 * Cross-entropy against smoothed targets q = (1 − ε)·onehot(y) + ε/K (Szegedy et al. 2016, section 7), mean over
 * the batch: the model is kept from pushing the true logit arbitrarily far, which mainly changes calibration.
 * ε = 0 is cross-entropy.
 */
public final class LabelSmoothing implements LossPlugin {
    public static final String ID = "loss.label-smoothing";
    static final String EPSILON = "epsilon";
    static final PluginInfo INFO = PluginInfo.of(ID, LossesModule.SLOT,
            "Cross-entropy against targets (1 - epsilon) onehot + epsilon / K",
            "C. Szegedy, V. Vanhoucke, S. Ioffe, J. Shlens, Z. Wojna. Rethinking the Inception Architecture for "
                    + "Computer Vision. CVPR 2016",
            Claim.raises("accuracy", "Label smoothing (ε=0.1) lowers ILSVRC 2012 top-1 and top-5 error by about "
                    + "0.2 points (Szegedy et al. 2016, section 7 and Table 3)"),
            Param.real(EPSILON, 0.1, 0, 1, "smoothing mass spread evenly over the K classes; 0 is cross-entropy")
                    .must("be below 1", v -> (Double) v < 1));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, int[] classCounts, Params params) {
        int classes = classCounts.length;
        double eps = params.getDouble(EPSILON);
        NDArray truth = LossMath.oneHot(labels, classes);
        NDArray target = truth.mul(Constant.like(truth, 1 - eps)).add(Constant.like(truth, eps / classes));
        return LossMath.crossEntropy(logits, target).mean();
    }
}
