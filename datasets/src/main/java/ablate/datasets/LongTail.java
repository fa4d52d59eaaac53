package ablate.datasets;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Long-tailed training sets with the exponential profile of Cui et al. 2019 ("Class-Balanced Loss Based on
 * Effective Number of Samples", the CIFAR-LT construction): class i keeps
 * {@code n_i = floor(n_max · ratio^(−i/(C−1)))} images, so class 0 keeps {@code n_max} and class C−1 keeps
 * {@code n_max / ratio}. Apply it to the training set only; evaluation stays on the balanced test set.
 */
public final class LongTail {
    private LongTail() {
    }

    /**
     * A long-tailed subset of {@code set}: {@code n_max} is the smallest class count (every class of a balanced
     * set has it), and each class's images are picked at random from {@code seed}. Indices stay ascending.
     */
    public static ImageSet of(ImageSet set, double imbalanceRatio, long seed) {
        int[] available = set.classCounts();
        int nMax = Arrays.stream(available).min().orElse(0);
        int[] counts = counts(nMax, available.length, imbalanceRatio);
        return set.subset(set.sampleByClass(counts, seed));
    }

    /** The images per class: {@code floor(nMax · (1/ratio)^(i/(classes−1)))}, as Cui et al.'s code computes it. */
    public static int[] counts(int nMax, int classes, double imbalanceRatio) {
        if (!(imbalanceRatio >= 1) || Double.isInfinite(imbalanceRatio)) {
            throw new IllegalArgumentException("imbalance ratio must be a finite number >= 1, got " + imbalanceRatio);
        }
        if (classes <= 0 || nMax < 0) {
            throw new IllegalArgumentException("need classes > 0 and n_max >= 0, got " + classes + " and " + nMax);
        }
        double factor = 1.0 / imbalanceRatio;
        int[] counts = new int[classes];
        for (int i = 0; i < classes; i++) {
            double exponent = classes == 1 ? 0 : i / (classes - 1.0);
            counts[i] = (int) (nMax * Math.pow(factor, exponent));
        }
        return counts;
    }

    static String formatRatio(double ratio) {
        return BigDecimal.valueOf(ratio).stripTrailingZeros().toPlainString();
    }
}
