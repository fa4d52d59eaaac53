package ablate.plugins.classification.losses;

import ablate.plugins.common.Constant;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** The pieces the classification losses share: one-hot labels, per-class constants, (weighted) cross-entropy. */
final class LossMath {
    private LossMath() {
    }

    /** (N, K) one-hot float rows of {@code labels}. */
    static NDArray oneHot(NDArray labels, int classes) {
        return labels.toType(DataType.INT64, false).oneHot(classes).toType(DataType.FLOAT32, false);
    }

    /**
     * A (K) float vector of {@code values} on {@code like}'s device, in memory the engine owns: the array made from
     * a Java array wraps a direct buffer that the garbage collector may free while autograd still holds the
     * tensor (the reason for {@link Constant#like}), so it is copied by the engine and the wrapper closed.
     */
    static NDArray vector(NDArray like, double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        try (NDArray wrapped = like.getManager().create(f)) {
            return wrapped.duplicate();
        }
    }

    /** Per-sample −log softmax(z)_y, (N), from (N, K) logits and (N, K) one-hot labels. */
    static NDArray crossEntropy(NDArray logits, NDArray truth) {
        return logits.logSoftmax(1).mul(truth).sum(new int[]{1}).neg();
    }

    /**
     * Per-sample softmax focal loss −α (1 − p_t)^γ log p_t, (N), with p_t the probability of the true class
     * (Lin et al. 2017, eq. 5, on the softmax probabilities as their multi-class note suggests).
     */
    static NDArray focal(NDArray logits, NDArray truth, double alpha, double gamma) {
        NDArray logPt = logits.logSoftmax(1).mul(truth).sum(new int[]{1});          // (N), <= 0
        NDArray modulator = Constant.like(logPt, 1).sub(logPt.exp()).pow(Constant.like(logPt, gamma));
        return modulator.mul(logPt).mul(Constant.like(logPt, -alpha));
    }

    /**
     * Refuses a class without training images, whose log-prior or effective-number weight is undefined (the task
     * refuses such long-tailed sets at load; a tiny {@code dataset.train} can still leave a class empty).
     */
    static void requireEveryClass(int[] counts, String loss) {
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] < 1) {
                throw new IllegalArgumentException("class " + j + " has no training image: " + loss
                        + " needs every class's count");
            }
        }
    }

    /** Σ of the class counts, as a double (the priors' denominator). */
    static double total(int[] counts) {
        double n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }
}
