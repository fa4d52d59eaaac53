package ablate.plugins.classification.losses;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.classification.LossPlugin;
import ai.djl.ndarray.NDArray;

/**
 * Softmax focal loss −α (1 − p_t)^γ log p_t, mean over the batch: well-classified images (p_t near 1) contribute
 * little, so the many easy head-class images dominate the gradient less. γ = 0, α = 1 is cross-entropy.
 */
public final class Focal implements LossPlugin {
    public static final String ID = "loss.focal";
    static final String GAMMA = "gamma";
    static final String ALPHA = "alpha";
    static final PluginInfo INFO = PluginInfo.of(ID, LossesModule.SLOT,
            "Focal loss -alpha (1 - p_t)^gamma log p_t on the softmax probabilities",
            "T.-Y. Lin, P. Goyal, R. Girshick, K. He, P. Dollár. Focal Loss for Dense Object Detection. ICCV 2017",
            Claim.raises("balancedAccuracy", "On long-tailed data (imbalance 100) focal loss raises balanced accuracy "
                    + "over cross-entropy (the catalog's first-wave claim; Lin et al. show it for the "
                    + "foreground/background imbalance of dense detection)"),
            Param.real(GAMMA, 2, 0, 10, "focusing parameter; 0 with alpha 1 is cross-entropy"),
            // α = 0.25 is the paper's value for its sigmoid, foreground/background setting; with one softmax over K
            // classes a single α only scales the loss (i.e. the learning rate), so the default leaves it at 1
            Param.real(ALPHA, 1, 0, 1, "scale of the loss (the paper's 0.25 balances foreground against "
                    + "background in its sigmoid form; with a softmax it only scales the gradient)")
                    .must("be above 0", v -> (Double) v > 0));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, int[] classCounts, Params params) {
        NDArray truth = LossMath.oneHot(labels, classCounts.length);
        return LossMath.focal(logits, truth, params.getDouble(ALPHA), params.getDouble(GAMMA)).mean();
    }
}
