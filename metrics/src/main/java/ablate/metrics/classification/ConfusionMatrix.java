package ablate.metrics.classification;

import java.util.Arrays;

/**
 * Counts of (truth, prediction) pairs over {@code classes} labels 0..classes-1; rows are the truth,
 * columns the prediction (sklearn's {@code confusion_matrix} layout). Mutable accumulator: not thread-safe,
 * {@link #merge} combines per-thread matrices.
 */
public final class ConfusionMatrix {
    private final int classes;
    private final long[] counts;

    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        this.classes = classes;
        this.counts = new long[classes * classes];
    }

    public static ConfusionMatrix of(int[] truth, int[] pred, int classes) {
        if (truth.length != pred.length) {
            throw new IllegalArgumentException("truth and prediction differ in length: " + truth.length + " vs " + pred.length);
        }
        ConfusionMatrix m = new ConfusionMatrix(classes);
        for (int i = 0; i < truth.length; i++) {
            m.add(truth[i], pred[i]);
        }
        return m;
    }

    public void add(int truth, int pred) {
        add(truth, pred, 1);
    }

    public void add(int truth, int pred, long count) {
        checkLabel("truth", truth);
        checkLabel("prediction", pred);
        counts[truth * classes + pred] += count;
    }

    /** Adds every count of {@code other} (same number of classes) to this matrix. */
    public void merge(ConfusionMatrix other) {
        if (other.classes != classes) {
            throw new IllegalArgumentException("cannot merge a " + other.classes + "-class matrix into a " + classes + "-class one");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    public int classes() {
        return classes;
    }

    public long count(int truth, int pred) {
        return counts[truth * classes + pred];
    }

    /** A copy of the counts, {@code [truth][prediction]}. */
    public long[][] counts() {
        long[][] rows = new long[classes][];
        for (int t = 0; t < classes; t++) {
            rows[t] = Arrays.copyOfRange(counts, t * classes, (t + 1) * classes);
        }
        return rows;
    }

    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    /** Number of samples whose truth is {@code c} (row sum). */
    public long support(int c) {
        long sum = 0;
        for (int p = 0; p < classes; p++) {
            sum += counts[c * classes + p];
        }
        return sum;
    }

    /** Number of samples predicted as {@code c} (column sum). */
    public long predicted(int c) {
        long sum = 0;
        for (int t = 0; t < classes; t++) {
            sum += counts[t * classes + c];
        }
        return sum;
    }

    public long correct() {
        long sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += counts[c * classes + c];
        }
        return sum;
    }

    private void checkLabel(String what, int label) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException(what + " label " + label + " is outside 0.." + (classes - 1));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && m.classes == classes && Arrays.equals(m.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * classes + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(counts());
    }
}
