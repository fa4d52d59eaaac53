package ablate.metrics.classification;

import ablate.metrics.Linspace;

/**
 * Single-label classification metrics, the numbers scikit-learn gives with its defaults:
 * <ul>
 *   <li>{@code accuracy} = correct / N ({@code accuracy_score}).</li>
 *   <li>{@code balancedAccuracy}: mean recall over the classes present in the truth
 *       ({@code balanced_accuracy_score}; a class that is only predicted is left out).</li>
 *   <li>macro precision / recall / F1: unweighted mean over the classes that occur in the truth or the
 *       prediction ({@code precision_recall_fscore_support(average='macro')} with {@code labels=None}); a 0/0
 *       per-class precision (class never predicted) or recall (class never true) counts as 0, as sklearn's
 *       {@code zero_division=0}/"warn"; per-class F1 = 2TP/(2TP+FP+FN), and macro F1 is the mean of those
 *       (not the harmonic mean of macro precision and recall).</li>
 *   <li>micro precision / recall / F1: from the pooled counts; for single-label data all three equal accuracy.</li>
 * </ul>
 * With no sample at all every value is NaN.
 */
public record ClassificationMetrics(double accuracy, double balancedAccuracy,
                                    double macroPrecision, double macroRecall, double macroF1,
                                    double microPrecision, double microRecall, double microF1,
                                    ConfusionMatrix confusion) {

    /** Number of equal-width confidence bins of {@link #expectedCalibrationError}. */
    public static final int ECE_BINS = 15;

    public static ClassificationMetrics of(int[] truth, int[] pred, int classes) {
        return of(ConfusionMatrix.of(truth, pred, classes));
    }

    public static ClassificationMetrics of(ConfusionMatrix m) {
        long total = m.total();
        if (total == 0) {
            double nan = Double.NaN;
            return new ClassificationMetrics(nan, nan, nan, nan, nan, nan, nan, nan, m);
        }
        double recallSumTrue = 0;
        int classesTrue = 0;
        double precisionSum = 0;
        double recallSum = 0;
        double f1Sum = 0;
        int classesSeen = 0;
        long tpAll = 0;
        for (int c = 0; c < m.classes(); c++) {
            long tp = m.count(c, c);
            long support = m.support(c);
            long predicted = m.predicted(c);
            tpAll += tp;
            if (support == 0 && predicted == 0) {
                continue;
            }
            classesSeen++;
            double recall = support == 0 ? 0 : (double) tp / support;
            precisionSum += predicted == 0 ? 0 : (double) tp / predicted;
            recallSum += recall;
            f1Sum += 2.0 * tp / (support + predicted);
            if (support > 0) {
                recallSumTrue += recall;
                classesTrue++;
            }
        }
        double micro = (double) tpAll / total;
        return new ClassificationMetrics(micro, recallSumTrue / classesTrue,
                precisionSum / classesSeen, recallSum / classesSeen, f1Sum / classesSeen,
                micro, micro, micro, m);
    }

    /**
     * Top-k accuracy of row-major N×classes scores, as sklearn's {@code top_k_accuracy_score}: the true class
     * counts as a hit when fewer than k classes rank before it, where classes are ranked by descending score and
     * equal scores by descending class index (sklearn sorts with a stable ascending argsort and reverses it).
     * k ≥ classes gives 1.
     */
    public static double topK(float[] scores, int classes, int[] truth, int k) {
        int n = checkScores(scores, classes, truth);
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (n == 0) {
            return Double.NaN;
        }
        long hits = 0;
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            int t = truth[i];
            float own = scores[row + t];
            int ahead = 0;
            for (int c = 0; c < classes && ahead < k; c++) {
                float s = scores[row + c];
                if (s > own || (s == own && c > t)) {
                    ahead++;
                }
            }
            if (ahead < k) {
                hits++;
            }
        }
        return (double) hits / n;
    }

    /**
     * Expected calibration error (Guo et al. 2017) with {@value #ECE_BINS} equal-width bins: the confidence of a
     * sample is its largest probability, the prediction its first arg-max (numpy's {@code argmax}); bin b holds
     * confidences in (b/15, (b+1)/15] with the edges of numpy's {@code linspace(0, 1, 16)};
     * ECE = Σ_b (n_b/N)·|accuracy_b − mean confidence_b|.
     */
    public static double expectedCalibrationError(float[] probs, int classes, int[] truth) {
        int n = checkScores(probs, classes, truth);
        if (n == 0) {
            return Double.NaN;
        }
        double[] edges = Linspace.of(0, 1, ECE_BINS + 1);
        long[] count = new long[ECE_BINS];
        double[] confidenceSum = new double[ECE_BINS];
        long[] correct = new long[ECE_BINS];
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (probs[row + c] > probs[row + best]) {
                    best = c;
                }
            }
            double confidence = probs[row + best];
            int bin = binOf(confidence, edges);
            if (bin < 0) {
                continue;
            }
            count[bin]++;
            confidenceSum[bin] += confidence;
            if (best == truth[i]) {
                correct[bin]++;
            }
        }
        double ece = 0;
        for (int b = 0; b < ECE_BINS; b++) {
            if (count[b] > 0) {
                ece += Math.abs((double) correct[b] / count[b] - confidenceSum[b] / count[b]) * count[b] / n;
            }
        }
        return ece;
    }

    /** Index b with edges[b] &lt; x ≤ edges[b+1], or -1 when x lies outside (edges[0], edges[last]]. */
    private static int binOf(double x, double[] edges) {
        int bins = edges.length - 1;
        if (!(x > edges[0] && x <= edges[bins])) {
            return -1;
        }
        int b = Math.min(bins - 1, Math.max(0, (int) Math.ceil(x * bins) - 1));
        while (b > 0 && x <= edges[b]) {
            b--;
        }
        while (b < bins - 1 && x > edges[b + 1]) {
            b++;
        }
        return b;
    }

    private static int checkScores(float[] scores, int classes, int[] truth) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        if (scores.length != (long) truth.length * classes) {
            throw new IllegalArgumentException("scores hold " + scores.length + " values, expected " + truth.length
                    + " samples × " + classes + " classes");
        }
        for (int t : truth) {
            if (t < 0 || t >= classes) {
                throw new IllegalArgumentException("truth label " + t + " is outside 0.." + (classes - 1));
            }
        }
        return truth.length;
    }
}
