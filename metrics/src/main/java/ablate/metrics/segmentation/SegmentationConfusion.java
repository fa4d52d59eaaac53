package ablate.metrics.segmentation;

import ablate.metrics.classification.ConfusionMatrix;

/**
 * One confusion matrix accumulated over every pixel of every image (not a mean of per-image scores). Pixels whose
 * ground truth is the ignore index are skipped; a prediction equal to the ignore index on a counted pixel is a miss
 * (a false negative of the true class, a false positive of none). Any other label ≥ {@code classes} is an error.
 */
public final class SegmentationConfusion {
    private final int classes;
    private final int ignoreIndex;
    private final ConfusionMatrix matrix;
    private final long[] unpredicted;

    public SegmentationConfusion(int classes, int ignoreIndex) {
        this.classes = classes;
        this.ignoreIndex = ignoreIndex;
        this.matrix = new ConfusionMatrix(classes);
        this.unpredicted = new long[classes];
    }

    /** Adds one image's label maps (same length, row-major); {@code where} names it in error messages. */
    public void add(int[] truth, int[] prediction, String where) {
        if (truth.length != prediction.length) {
            throw new IllegalArgumentException(where + ": ground truth has " + truth.length + " pixels, prediction " + prediction.length);
        }
        long[] counts = new long[classes * classes];
        for (int i = 0; i < truth.length; i++) {
            int t = truth[i];
            int p = prediction[i];
            if (t == ignoreIndex) {
                if (p != ignoreIndex && (p < 0 || p >= classes)) {
                    throw badLabel(where, "prediction", p, i);
                }
                continue;
            }
            if (t < 0 || t >= classes) {
                throw badLabel(where, "ground truth", t, i);
            }
            if (p == ignoreIndex) {
                unpredicted[t]++;
            } else if (p < 0 || p >= classes) {
                throw badLabel(where, "prediction", p, i);
            } else {
                counts[t * classes + p]++;
            }
        }
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                if (counts[t * classes + p] > 0) {
                    matrix.add(t, p, counts[t * classes + p]);
                }
            }
        }
    }

    private IllegalArgumentException badLabel(String where, String what, int label, int pixel) {
        return new IllegalArgumentException(where + ": " + what + " label " + label + " at pixel " + pixel
                + " is not a class (0.." + (classes - 1) + ") nor the ignore index " + ignoreIndex);
    }

    public int classes() {
        return classes;
    }

    public ConfusionMatrix matrix() {
        return matrix;
    }

    /** Counted pixels of class c predicted as the ignore index. */
    public long unpredicted(int c) {
        return unpredicted[c];
    }

    public SegmentationMetrics metrics() {
        return SegmentationMetrics.of(this);
    }
}
