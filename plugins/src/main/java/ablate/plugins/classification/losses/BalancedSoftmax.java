package ablate.plugins.classification.losses;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.classification.LossPlugin;
import ai.djl.ndarray.NDArray;

/**
 * Balanced softmax (Ren et al. 2020, eq. 4): cross-entropy of the softmax of z_j + log n_j, which models the
 * label shift from the long-tailed training set to a balanced test set; prediction takes the plain argmax of z.
 * It is the logit-adjusted loss at τ = 1 (log n_j and log π_j differ by a constant, which the softmax cancels).
 */
public final class BalancedSoftmax implements LossPlugin {
    public static final String ID = "loss.balanced-softmax";
    static final PluginInfo INFO = PluginInfo.of(ID, LossesModule.SLOT,
            "Cross-entropy on logits plus log(class count); plain logits at test time",
            "J. Ren, C. Yu, S. Sheng, X. Ma, H. Zhao, S. Yi, H. Li. Balanced Meta-Softmax for Long-Tailed Visual "
                    + "Recognition. NeurIPS 2020",
            Claim.raises("balancedAccuracy", "Balanced softmax raises top-1 accuracy on a balanced test set over "
                    + "softmax cross-entropy on long-tailed CIFAR-10/100 (Ren et al. 2020, Table 2)"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, int[] classCounts, Params params) {
        LossMath.requireEveryClass(classCounts, "balanced softmax");
        double[] offset = new double[classCounts.length];
        for (int j = 0; j < offset.length; j++) {
            offset[j] = Math.log(classCounts[j]);
        }
        return LogitAdjusted.adjusted(logits, labels, classCounts.length, offset);
    }
}
