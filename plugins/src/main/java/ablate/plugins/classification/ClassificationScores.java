package ablate.plugins.classification;

import ablate.metrics.classification.ClassificationMetrics;
import ablate.metrics.classification.ConfusionMatrix;
import ablate.results.Direction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The classification task's reported metrics, computed by the metrics library. */
final class ClassificationScores {
    private ClassificationScores() {
    }

    /** Every metric {@link #compute} records, with its direction: expected calibration error is lower-is-better. */
    static final Map<String, Direction> DIRECTIONS = directions();

    private static Map<String, Direction> directions() {
        Map<String, Direction> d = new LinkedHashMap<>();
        d.put("accuracy", Direction.HIGHER);
        d.put("balancedAccuracy", Direction.HIGHER);
        d.put("macroF1", Direction.HIGHER);
        d.put("top2Accuracy", Direction.HIGHER);
        d.put("ece", Direction.LOWER);
        // recorded only for a long-tailed training set (dataset.imbalance): groups by training-set frequency
        d.put("headAccuracy", Direction.HIGHER);
        d.put("mediumAccuracy", Direction.HIGHER);
        d.put("tailAccuracy", Direction.HIGHER);
        return java.util.Collections.unmodifiableMap(d);
    }

    static Map<String, Double> compute(int[] truth, int[] predicted, float[] probabilities, int classes) {
        ClassificationMetrics m = ClassificationMetrics.of(truth, predicted, classes);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("accuracy", m.accuracy());
        out.put("balancedAccuracy", m.balancedAccuracy());
        out.put("macroF1", m.macroF1());
        out.put("top2Accuracy", ClassificationMetrics.topK(probabilities, classes, truth, 2));
        out.put("ece", ClassificationMetrics.expectedCalibrationError(probabilities, classes, truth));
        return out;
    }

    /** Recall of each class (its diagonal count over its row's), NaN for a class with no test image. */
    static double[] recall(List<List<Long>> confusion) {
        double[] r = new double[confusion.size()];
        for (int c = 0; c < r.length; c++) {
            long row = confusion.get(c).stream().mapToLong(Long::longValue).sum();
            r[c] = row == 0 ? Double.NaN : (double) confusion.get(c).get(c) / row;
        }
        return r;
    }

    /** Rows = true class, columns = predicted class. */
    static List<List<Long>> confusion(int[] truth, int[] predicted, int classes) {
        long[][] counts = ConfusionMatrix.of(truth, predicted, classes).counts();
        List<List<Long>> rows = new ArrayList<>();
        for (long[] row : counts) {
            List<Long> r = new ArrayList<>();
            for (long v : row) {
                r.add(v);
            }
            rows.add(r);
        }
        return rows;
    }
}
