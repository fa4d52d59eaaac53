package ablate.plugins.classification;

import ablate.results.Direction;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClassificationScoresTest {
    @Test
    void everyRecordedMetricDeclaresItsDirectionAndCalibrationErrorIsLowerIsBetter() {
        // two classes, four images: what a trial records, without training anything
        int[] truth = {0, 1, 1, 0};
        int[] predicted = {0, 1, 0, 0};
        float[] probabilities = {0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f, 0.7f, 0.3f};
        Map<String, Double> recorded = ClassificationScores.compute(truth, predicted, probabilities, 2);

        assertThat(Direction.undeclared(ClassificationScores.DIRECTIONS, recorded.keySet())).isEmpty();
        assertThat(ClassificationScores.DIRECTIONS).containsEntry("ece", Direction.LOWER)
                .containsEntry("accuracy", Direction.HIGHER);
    }
}
