package ablate.plugins.classification.losses;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.classification.LossPlugin;
import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * Class-balanced loss (Cui et al. 2019): each image's loss is weighted by the inverse effective number of samples
 * of its class, w_j ∝ (1 − β) / (1 − β^{n_j}), normalised so that Σ_j w_j = K, applied to cross-entropy or focal
 * loss. The batch loss is the mean of w_y·ℓ over the batch's images — a weighted sum divided by the number of
 * images, as eq. 5 of the paper sums weighted per-image losses; not torch's {@code cross_entropy(weight=...)}, which
 * divides by Σ w_y and so makes a batch of only tail images count no more than one of head images. β = 0 gives
 * every class weight 1: the unweighted loss; β → 1 approaches inverse class frequency.
 */
public final class ClassBalanced implements LossPlugin {
    public static final String ID = "loss.class-balanced";
    static final String BETA = "beta";
    static final String BASE = "base";
    static final String GAMMA = "gamma";
    static final PluginInfo INFO = PluginInfo.of(ID, LossesModule.SLOT,
            "Cross-entropy or focal loss weighted by the inverse effective number of samples per class",
            "Y. Cui, M. Jia, T.-Y. Lin, Y. Song, S. Belongie. Class-Balanced Loss Based on Effective Number of "
                    + "Samples. CVPR 2019",
            Claim.raises("balancedAccuracy", "On long-tailed data (imbalance 100) class-balanced weighting raises "
                    + "balanced accuracy over cross-entropy (Cui et al. 2019, Table 2: lower top-1 error on "
                    + "long-tailed CIFAR-10 with imbalance 100 than softmax cross-entropy)"),
            Param.real(BETA, 0.999, 0, 1, "effective-number hyperparameter; 0 is unweighted, near 1 inverse frequency")
                    .must("be below 1 (at 1 every weight is 0/0)", v -> (Double) v < 1),
            Param.choice(BASE, "ce", List.of("ce", "focal"), "the loss that is weighted"),
            Param.real(GAMMA, 2, 0, 10, "focal loss's focusing parameter (used with base focal only)"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, int[] classCounts, Params params) {
        NDArray truth = LossMath.oneHot(labels, classCounts.length);
        NDArray perImage = params.getString(BASE).equals("focal")
                ? LossMath.focal(logits, truth, 1, params.getDouble(GAMMA))
                : LossMath.crossEntropy(logits, truth);
        NDArray w = LossMath.vector(logits, weights(classCounts, params.getDouble(BETA)));
        return perImage.mul(truth.mul(w).sum(new int[]{1})).mean();
    }

    /** w_j = (1 − β) / (1 − β^{n_j}), scaled to sum to the class count K. */
    static double[] weights(int[] counts, double beta) {
        LossMath.requireEveryClass(counts, "the class-balanced weight (1 - beta) / (1 - beta^n)");
        double[] w = new double[counts.length];
        double sum = 0;
        for (int j = 0; j < w.length; j++) {
            w[j] = (1 - beta) / (1 - Math.pow(beta, counts[j]));
            sum += w[j];
        }
        for (int j = 0; j < w.length; j++) {
            w[j] = w[j] / sum * w.length;
        }
        return w;
    }
}
