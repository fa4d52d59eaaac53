package ablate.plugins.modelselection;

import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.TrialOutcome;
import ablate.plugins.models.LeNet5Plugin;
import ablate.plugins.models.MlpPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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

    /** A fresh in-memory cache over the same directory stands for another trial process. */
    @Test
    void anotherProcessLoadsTheEvidenceFromTheCacheAndGetsTheSameNumbers(@TempDir Path cache) throws Exception {
        TrialOutcome computed = task.run(new StubContext(7, new AicPlugin(), StubContext.SYNTHETIC, Budget.DEFAULT, TINY, cache));
        assertThat(computed.artifacts()).containsEntry("evidenceComputedInThisTrial", true);
        Path entry;
        try (var files = Files.list(cache)) {
            entry = files.filter(f -> f.toString().endsWith(".bin")).findFirst().orElseThrow();
        }
        assertThat(entry.getFileName().toString()).matches("evidence-[0-9a-f]{64}\\.bin");

        ModelSelectionTask.EVIDENCE.clear();
        TrialOutcome loaded = task.run(new StubContext(7, new AicPlugin(), StubContext.SYNTHETIC, Budget.DEFAULT, TINY, cache));
        assertThat(loaded.artifacts()).containsEntry("evidenceComputedInThisTrial", false);
        assertThat(loaded.metrics()).isEqualTo(computed.metrics()); // Double.equals: bit for bit
        assertThat(loaded.curves()).isEqualTo(computed.curves());
        assertThat(loaded.artifacts().get("evidenceSeconds")).isEqualTo(computed.artifacts().get("evidenceSeconds"));
        assertThat(loaded.cost().trainSeconds()).isEqualTo(computed.cost().trainSeconds()).isPositive();

        Files.write(entry, "{\"polynomial\":".getBytes(java.nio.charset.StandardCharsets.UTF_8)); // torn: recomputed
        ModelSelectionTask.EVIDENCE.clear();
        TrialOutcome recomputed = task.run(new StubContext(7, new BicPlugin(), StubContext.SYNTHETIC, Budget.DEFAULT, TINY, cache));
        assertThat(recomputed.artifacts()).containsEntry("evidenceComputedInThisTrial", true);
    }

    @Test
    void evidenceRoundTripsExactlyNaNIncluded() throws Exception {
        Map<String, Object> options = new java.util.HashMap<>(TINY);
        options.put("sample-sizes", List.of(7L, 40L)); // order 5 at n = 7: n = k + 1, AICc undefined (NaN)
        Evidence e = ModelSelectionTask.evidence(Settings.parse(options), List.of(), context(2, new AicPlugin(), options));
        assertThat(e.polynomial().cells().get(0).replicates().get(0).get(5).aicc()).isNaN();
        assertThat(roundTrip(e)).isEqualTo(e); // record equality compares doubles as Double.compare does: by value bits
    }

    @Test
    void theKeyHasEverythingTheEvidenceDependsOnButTheCriterion() {
        Settings s = Settings.parse(TINY);
        String key = EvidenceCache.key(context(7, new AicPlugin(), TINY), s, false);
        assertThat(EvidenceCache.key(context(7, new BicPlugin(), TINY), s, false)).isEqualTo(key);
        assertThat(EvidenceCache.key(context(8, new AicPlugin(), TINY), s, false)).isNotEqualTo(key);
        Map<String, Object> more = new java.util.HashMap<>(TINY);
        more.put("replicates", 5L);
        assertThat(EvidenceCache.key(context(7, new AicPlugin(), more), Settings.parse(more), false)).isNotEqualTo(key);
        assertThat(key).contains("\"seed\":7", "\"replicates\":4", "\"version\":" + EvidenceCache.VERSION)
                .doesNotContain("budget"); // synthetic studies do not train: the budget does not matter
        StubContext images = new StubContext(7, new AicPlugin(), new DatasetSpec(ModelSelectionTask.FASHION_MNIST,
                "embedded", 200, 100, Map.of()), Budget.DEFAULT, TINY);
        assertThat(EvidenceCache.key(images, s, true)).contains("\"budget\":{", "\"device\":\"cpu()\"");
    }

    static Evidence roundTrip(Evidence e) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        EvidenceCache.CODEC.write(e, new java.io.DataOutputStream(bytes));
        return EvidenceCache.CODEC.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
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
    void networksAreScoredWithTrainableParametersAndTheTrainingCrossEntropy() throws Exception {
        DatasetSpec data = new DatasetSpec(ModelSelectionTask.FASHION_MNIST, "embedded", 200, 100, Map.of());
        Budget budget = new Budget(1, 50, 0.003, "constant", "adam", 0);
        Map<String, Object> options = Map.of("replicates", 1L, "mixture-replicates", 0L,
                "networks", List.of("model.mlp hidden=2", "model.mlp hidden="));
        Settings s = Settings.parse(options);
        var models = Map.of("model.mlp", (ablate.plugins.classification.BackbonePlugin) new MlpPlugin());
        List<NetworkStudy.Spec> specs = s.networks().stream().map(t -> NetworkStudy.parse(t, models)).toList();
        StubContext ctx = new StubContext(5, new AicPlugin(), data, budget, options);

        Evidence evidence = ModelSelectionTask.evidence(s, specs, ctx);
        List<NetworkStudy.Candidate> nets = evidence.networks();
        assertThat(nets).extracting(NetworkStudy.Candidate::spec).containsExactly("model.mlp hidden=2", "model.mlp hidden=");
        assertThat(nets.get(0).criteria().k()).isEqualTo(784 * 2 + 2 + 2 * 10 + 10);
        assertThat(nets.get(1).criteria().k()).isEqualTo(784 * 10 + 10);
        for (NetworkStudy.Candidate c : nets) {
            assertThat(c.criteria().n()).isEqualTo(200);
            assertThat(c.criteria().logLikelihood()).isCloseTo(-200 * c.trainLoss(), within(1e-9));
            assertThat(c.trainLoss()).isBetween(0.0, 5.0);
            assertThat(c.testAccuracy()).isBetween(0.0, 1.0);
        }
        assertThat(roundTrip(evidence)).isEqualTo(evidence); // as a trial loading it from the cache sees it
        // training is deterministic per seed on the CPU
        List<NetworkStudy.Candidate> again = ModelSelectionTask.evidence(s, specs, ctx).networks();
        for (int i = 0; i < nets.size(); i++) {
            assertThat(again.get(i).criteria()).isEqualTo(nets.get(i).criteria());
            assertThat(again.get(i).testAccuracy()).isEqualTo(nets.get(i).testAccuracy());
        }
    }
}
