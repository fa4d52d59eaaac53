package ablate.plugins.classification;

import ablate.metrics.classification.ClassificationMetrics;
import ablate.metrics.classification.ConfusionMatrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The classification task's reported metrics, computed by the metrics library. */
final class ClassificationScores {
    private ClassificationScores() {
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
