package ablate.plugins.classification.losses;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.classification.LossPlugin;
import ai.djl.ndarray.NDArray;

/**
 * Logit-adjusted loss (Menon et al. 2021, eq. 10): cross-entropy on z_j + τ·log π_j, with π_j the training
 * frequency of class j. Only training sees the offset; prediction takes the plain argmax of z, which then
 * estimates the balanced (not the training-prior) posterior. τ = 0 is cross-entropy.
 */
public final class LogitAdjusted implements LossPlugin {
    public static final String ID = "loss.logit-adjustment";
    static final String TAU = "tau";
    static final PluginInfo INFO = PluginInfo.of(ID, LossesModule.SLOT,
            "Cross-entropy on logits plus tau * log(class prior); plain logits at test time",
            "A. K. Menon, S. Jayasumana, A. S. Rawat, H. Jain, A. Veit, S. Kumar. Long-tail learning via logit "
                    + "adjustment. ICLR 2021",
            Claim.raises("balancedAccuracy", "The logit-adjusted loss (τ=1) lowers balanced error over plain "
                    + "cross-entropy on long-tailed CIFAR-10/100 and ImageNet-LT (Menon et al. 2021, Table 2)"),
            Param.real(TAU, 1, 0, 10, "scale of the log-prior offset; 0 is cross-entropy"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, int[] classCounts, Params params) {
        LossMath.requireEveryClass(classCounts, "logit adjustment");
        double n = LossMath.total(classCounts);
        double tau = params.getDouble(TAU);
        double[] offset = new double[classCounts.length];
        for (int j = 0; j < offset.length; j++) {
            offset[j] = tau * Math.log(classCounts[j] / n);
        }
        return adjusted(logits, labels, classCounts.length, offset);
    }

    /** Mean cross-entropy of {@code logits + offset} (the offset broadcast over the batch). */
    static NDArray adjusted(NDArray logits, NDArray labels, int classes, double[] offset) {
        NDArray truth = LossMath.oneHot(labels, classes);
        return LossMath.crossEntropy(logits.add(LossMath.vector(logits, offset)), truth).mean();
    }
}
