package ablate.plugins.modelselection;

import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.TrialOutcome;
import ablate.plugins.models.LeNet5Plugin;
import ablate.plugins.models.MlpPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelSelectionTaskTest {
    /** Options as the suite loader hands them over (YAML integers are Longs): a few tiny data sets. */
    static final Map<String, Object> TINY = Map.of(
            "polynomial", List.of(0.5, -1.0, 0.8, 1.5),
            "max-order", 5L,
            "sample-sizes", List.of(12L, 40L),
            "noise-levels", List.of(0.001, 0.3),
            "replicates", 4L,
            "mixture-sizes", List.of(60L),
            "mixture-replicates", 1L,
            "max-components", 3L);

    final ModelSelectionTask task = new ModelSelectionTask(Set.of(new MlpPlugin(), new LeNet5Plugin()));

    @BeforeEach
    void freshCache() {
        ModelSelectionTask.EVIDENCE.clear();
    }

    static StubContext context(long seed, CriterionPlugin criterion, Map<String, Object> options) {
        return new StubContext(seed, criterion, StubContext.SYNTHETIC, Budget.DEFAULT, options);
    }

    @Test
    void tinyConfigurationKeepsItsBooks() throws Exception {
        TrialOutcome o = task.run(context(7, new AicPlugin(), TINY));
        Map<String, Double> m = o.metrics();
        assertThat(m).containsKeys("recoveryRate", "recoveryRate@n=12", "recoveryRate@n=40", "overSelectRate@n=40",
                "meanSelectedOrder@n=40", "mixture.recoveryRate@n=60", "mixture.overSelectRate@n=60");
        assertThat(m).doesNotContainKeys("network.selectedTestAccuracy");
        assertThat(ablate.results.Direction.undeclared(task.metrics(), m.keySet())).isEmpty();
        assertThat(m.get("recoveryRate")).isCloseTo((m.get("recoveryRate@n=12") + m.get("recoveryRate@n=40")) / 2,
                within(1e-12));
        @SuppressWarnings("unchecked")
        Map<String, List<Integer>> counts = (Map<String, List<Integer>>) o.artifacts().get("selectedOrderCounts");
        for (int n : List.of(12, 40)) {
            List<Integer> c = counts.get("n=" + n);
            assertThat(c).hasSize(6);
            int total = c.stream().mapToInt(Integer::intValue).sum();
            assertThat(total).isEqualTo(8); // 4 replicates at each of 2 noise levels
            int over = c.subList(4, 6).stream().mapToInt(Integer::intValue).sum();
            assertThat(m.get("recoveryRate@n=" + n)).isEqualTo(c.get(3) / 8.0);
            assertThat(m.get("overSelectRate@n=" + n)).isEqualTo(over / 8.0);
        }
        @SuppressWarnings("unchecked")
        Map<String, List<Double>> byNoise = (Map<String, List<Double>>) o.artifacts().get("recoveryRateByNoise");
        assertThat(byNoise).containsOnlyKeys("sigma=0.001", "sigma=0.3");
        assertThat((byNoise.get("sigma=0.001").get(1) + byNoise.get("sigma=0.3").get(1)) / 2)
                .isCloseTo(m.get("recoveryRate@n=40"), within(1e-12));
        assertThat(o.curves().get("recoveryRate vs n"))
                .containsExactly(m.get("recoveryRate@n=12"), m.get("recoveryRate@n=40"));
        assertThat(o.artifacts()).containsEntry("evidenceComputedInThisTrial", true)
                .containsEntry("trueOrder", 3).containsKey("dataSource");
    }

    @Test
    void noUnderSelectionWhenTheNoiseIsNegligible() throws Exception {
        Map<String, Object> options = new java.util.HashMap<>(TINY);
        options.put("noise-levels", List.of(0.001));
        options.put("mixture-replicates", 0L);
        for (CriterionPlugin c : List.of(new AicPlugin(), new AiccPlugin(), new BicPlugin())) {
            Map<String, Double> m = task.run(context(3, c, options)).metrics();
            for (int n : List.of(12, 40)) {
                assertThat(m.get("meanSelectedOrder@n=" + n)).isGreaterThanOrEqualTo(3.0);
                assertThat(m.get("recoveryRate@n=" + n) + m.get("overSelectRate@n=" + n)).isEqualTo(1.0);
            }
        }
    }

    @Test
    void sameSeedSameNumbersOtherSeedOtherData() throws Exception {
        Map<String, Double> first = task.run(context(11, new BicPlugin(), TINY)).metrics();
        ModelSelectionTask.EVIDENCE.clear();
        TrialOutcome again = task.run(context(11, new BicPlugin(), TINY));
        assertThat(again.metrics()).isEqualTo(first);
        assertThat(again.artifacts()).containsEntry("evidenceComputedInThisTrial", true);

        TrialOutcome otherCriterion = task.run(context(11, new AicPlugin(), TINY));
        assertThat(otherCriterion.artifacts()).containsEntry("evidenceComputedInThisTrial", false);

        Evidence a = ModelSelectionTask.evidence(Settings.parse(TINY), List.of(), context(11, new AicPlugin(), TINY));
        Evidence b = ModelSelectionTask.evidence(Settings.parse(TINY), List.of(), context(12, new AicPlugin(), TINY));
        assertThat(a.polynomial()).isNotEqualTo(b.polynomial());
        assertThat(a.polynomial()).isEqualTo(
                ModelSelectionTask.evidence(Settings.parse(TINY), List.of(), context(11, new BicPlugin(), TINY))
                        .polynomial());
    }

    @Test
    void badOptionsNameTheOptionAndWhatIsWrong() {
        assertThatThrownBy(() -> Settings.parse(Map.of("replicate", 3L)))
                .hasMessageContaining("options.replicate").hasMessageContaining("did you mean 'replicates'");
        assertThatThrownBy(() -> Settings.parse(Map.of("sample-sizes", List.of(5L, 100L))))
                .hasMessageContaining("options.sample-sizes").hasMessageContaining(">= max-order + 2");
        assertThatThrownBy(() -> Settings.parse(Map.of("polynomial", List.of(1.0, 0.0))))
                .hasMessageContaining("options.polynomial");
        assertThatThrownBy(() -> Settings.parse(Map.of("noise-levels", 0.5)))
                .hasMessageContaining("options.noise-levels").hasMessageContaining("list");
        var models = Map.of("model.mlp", (ablate.plugins.classification.BackbonePlugin) new MlpPlugin());
        assertThatThrownBy(() -> NetworkStudy.parse("model.mpl hidden=4", models))
                .hasMessageContaining("options.networks 'model.mpl hidden=4'").hasMessageContaining("'model.mlp'");
        assertThatThrownBy(() -> NetworkStudy.parse("model.mlp width=4", models))
                .hasMessageContaining("parameters: hidden");
        assertThatThrownBy(() -> task.prepare(new DatasetSpec("synthetic", "auto", 0, 0, Map.of("imbalance", 10)),
                Map.of(), null)).hasMessageContaining("dataset.imbalance");
        assertThatThrownBy(() -> task.prepare(new DatasetSpec("synthetic", "auto", 0, 0, Map.of()),
                Map.of("replicate", 3L), null)).hasMessageContaining("replicate");
    }

    @Test
    void networksAreScoredWithTrainableParametersAndTheTrainingCrossEntropy() {
        DatasetSpec data = new DatasetSpec(ModelSelectionTask.FASHION_MNIST, "embedded", 200, 100, Map.of());
        Budget budget = new Budget(1, 50, 0.003, "constant", "adam", 0);
        Map<String, Object> options = Map.of("replicates", 1L, "mixture-replicates", 0L,
                "networks", List.of("model.mlp hidden=2", "model.mlp hidden="));
        Settings s = Settings.parse(options);
        var models = Map.of("model.mlp", (ablate.plugins.classification.BackbonePlugin) new MlpPlugin());
        List<NetworkStudy.Spec> specs = s.networks().stream().map(t -> NetworkStudy.parse(t, models)).toList();
        StubContext ctx = new StubContext(5, new AicPlugin(), data, budget, options);

        List<NetworkStudy.Candidate> nets = ModelSelectionTask.evidence(s, specs, ctx).networks();
        assertThat(nets).extracting(NetworkStudy.Candidate::spec).containsExactly("model.mlp hidden=2", "model.mlp hidden=");
        assertThat(nets.get(0).criteria().k()).isEqualTo(784 * 2 + 2 + 2 * 10 + 10);
        assertThat(nets.get(1).criteria().k()).isEqualTo(784 * 10 + 10);
        for (NetworkStudy.Candidate c : nets) {
            assertThat(c.criteria().n()).isEqualTo(200);
            assertThat(c.criteria().logLikelihood()).isCloseTo(-200 * c.trainLoss(), within(1e-9));
            assertThat(c.trainLoss()).isBetween(0.0, 5.0);
            assertThat(c.testAccuracy()).isBetween(0.0, 1.0);
        }
        // training is deterministic per seed on the CPU
        List<NetworkStudy.Candidate> again = ModelSelectionTask.evidence(s, specs, ctx).networks();
        for (int i = 0; i < nets.size(); i++) {
            assertThat(again.get(i).criteria()).isEqualTo(nets.get(i).criteria());
            assertThat(again.get(i).testAccuracy()).isEqualTo(nets.get(i).testAccuracy());
        }
    }
}
