package ablate.plugins.classification;

import ablate.datasets.LongTail;
import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.TrialOutcome;
import ablate.plugins.attention.NoAttentionPlugin;
import ablate.plugins.classification.losses.ClassBalanced;
import ablate.plugins.common.FixedContext;
import ablate.plugins.models.MlpPlugin;
import ablate.results.Direction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Head/medium/tail groups, and a long-tailed trial's group accuracies and per-class recall. */
class LongTailTest {
    @Test
    void groupsAreThirdsByTrainingCountTiesByClassId() {
        // the exponential profile of imbalance 100 on 600 per class: 600, 359, 215, 129, 77, 46, 27, 16, 9, 6
        assertThat(ClassGroups.of(LongTail.counts(600, 10, 100)))
                .containsExactly(List.of(0, 1, 2), List.of(3, 4, 5, 6), List.of(7, 8, 9));
        assertThat(ClassGroups.of(new int[]{1, 9, 5})).containsExactly(List.of(1), List.of(2), List.of(0));
        assertThat(ClassGroups.of(new int[]{5, 1, 5, 1, 5, 1}))
                .containsExactly(List.of(0, 2), List.of(1, 4), List.of(3, 5));
    }

    @Test
    void groupAccuracyIsTheMeanRecallOfTheGroupsClasses() {
        int[] counts = {1, 9, 5, 7};   // ranked 1, 3, 2, 0: head [1], medium [2, 3], tail [0]
        double[] recall = {0.1, 0.9, 0.4, Double.NaN};
        assertThat(ClassGroups.accuracies(counts, recall)).containsExactly(
                Map.entry("headAccuracy", 0.9), Map.entry("mediumAccuracy", 0.4), Map.entry("tailAccuracy", 0.1));
    }

    private static TrialOutcome trial(long seed) throws Exception {
        DatasetSpec data = new DatasetSpec("fashion-mnist", "embedded", 1000, 200, Map.of("imbalance", 10));
        FixedContext ctx = new FixedContext(seed, new Budget(2, 32, 0.05, "constant", "sgd", 0), data)
                .with("model", new MlpPlugin(), Map.of("hidden", "32"))
                .with("attention", new NoAttentionPlugin(), Map.of())
                .with("loss", new ClassBalanced(), Map.of());
        return new ClassificationTask().run(ctx);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLongTailedTrialRecordsGroupAccuraciesAndPerClassRecallAndRepeatsItself() throws Exception {
        TrialOutcome out = trial(5);
        Map<String, Double> m = out.metrics();
        assertThat(Direction.undeclared(new ClassificationTask().metrics(), m.keySet())).isEmpty();
        List<Integer> counts = (List<Integer>) out.artifacts().get("trainClassCounts");
        // embedded 1,000 = 100 per class; imbalance 10: floor(100 · 10^(−i/9))
        assertThat(counts).containsExactly(100, 77, 59, 46, 35, 27, 21, 16, 12, 10);

        List<List<Long>> confusion = (List<List<Long>>) out.artifacts().get("confusionMatrix");
        List<Double> recall = (List<Double>) out.artifacts().get("perClassRecall");
        double[] r = new double[10];
        for (int c = 0; c < 10; c++) {
            long row = confusion.get(c).stream().mapToLong(Long::longValue).sum();
            r[c] = (double) confusion.get(c).get(c) / row;
            assertThat(recall.get(c)).isCloseTo(r[c], within(1e-12));
        }
        assertThat(m.get("headAccuracy")).isCloseTo((r[0] + r[1] + r[2]) / 3, within(1e-12));
        assertThat(m.get("mediumAccuracy")).isCloseTo((r[3] + r[4] + r[5] + r[6]) / 4, within(1e-12));
        assertThat(m.get("tailAccuracy")).isCloseTo((r[7] + r[8] + r[9]) / 3, within(1e-12));
        // the balanced test set (20 per class): balanced accuracy is the mean recall, = accuracy
        assertThat(m.get("balancedAccuracy")).isCloseTo(java.util.Arrays.stream(r).average().orElseThrow(), within(1e-12));
        assertThat(m.get("accuracy")).isCloseTo(m.get("balancedAccuracy"), within(1e-12));

        assertThat(trial(5).metrics()).isEqualTo(m);
    }

    @Test
    void anImbalanceOfOneOrBelowOrOneThatEmptiesAClassIsRefused() {
        for (Object bad : List.of(1, 0.5, "ten")) {
            DatasetSpec spec = new DatasetSpec("fashion-mnist", "embedded", 0, 0, Map.of("imbalance", bad));
            assertThatThrownBy(() -> ClassificationTask.loadData(spec, null, 1))
                    .hasMessageStartingWith("dataset.imbalance must be a finite number above 1");
        }
        DatasetSpec tooMuch = new DatasetSpec("fashion-mnist", "embedded", 0, 0, Map.of("imbalance", 1000));
        assertThatThrownBy(() -> ClassificationTask.loadData(tooMuch, null, 1))
                .hasMessage("dataset.imbalance 1000 leaves class 9 (Ankle boot) with no training image of 6000; "
                        + "lower it or use more training images");
    }
}
