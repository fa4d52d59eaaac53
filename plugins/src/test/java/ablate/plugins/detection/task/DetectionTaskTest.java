package ablate.plugins.detection.task;

import ablate.plugins.common.FixedContext;
import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.PluginModule;
import ablate.harness.spi.Task;
import ablate.harness.spi.TrialOutcome;
import ablate.plugins.detection.losses.FocalLoss;
import ablate.plugins.detection.losses.GiouLoss;
import ablate.plugins.detection.postprocess.GreedyNms;
import ablate.plugins.detection.postprocess.SoftNmsGaussian;
import ablate.reports.ExampleImage;
import ablate.reports.PrCurves;
import ablate.results.ResultsStore;
import ablate.results.Status;
import ablate.results.TrialResult;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The task end to end on tiny scenes (48 px, 16 training images, one epoch): shapes of the outcome, not accuracy. */
class DetectionTaskTest {
    private static final Budget BUDGET = new Budget(1, 8, 0.002, "cosine", "adam", 0);
    private static final DatasetSpec TINY = new DatasetSpec("synthetic-scenes", "auto", 16, 6,
            Map.of("size", 48, "eval-crowding", List.of(1.0)));

    private static FixedContext context(Plugin postprocess) {
        return new FixedContext(3, BUDGET, TINY)
                .with("model", new FcosMiniPlugin(), Map.of("width", 8, "input", 32))
                .with("cls-loss", new FocalLoss(), Map.of())
                .with("box-loss", new GiouLoss(), Map.of())
                .with("postprocess", postprocess, Map.of());
    }

    @Test
    void metricsAcrossCrowdingLevelsBecomeCurvesWithTheLevelsAsTheirAxis() {
        List<DetectionData.EvalSet> evals = List.of(new DetectionData.EvalSet("", Double.NaN, null),
                new DetectionData.EvalSet("@crowding=1", 1.0, null), new DetectionData.EvalSet("@crowding=0", 0.0, null));
        Map<String, Double> metrics = new java.util.HashMap<>();
        for (String m : List.of("mAP", "AP50", "AP75", "AR100", "postprocessMs")) {
            metrics.put(m + "@crowding=0", 0.9);
            metrics.put(m + "@crowding=1", 0.4);
        }
        metrics.remove("AR100@crowding=1"); // a level without the figure: no curve for it
        Map<String, List<Double>> curves = new java.util.LinkedHashMap<>();
        Map<String, Object> artifacts = new java.util.LinkedHashMap<>();
        DetectionTask.againstCrowding(evals, metrics, curves, artifacts);
        assertThat(curves).containsOnlyKeys("mAP vs crowding", "AP50 vs crowding", "AP75 vs crowding",
                "postprocessMs vs crowding");
        assertThat(curves.get("mAP vs crowding")).containsExactly(0.9, 0.4); // levels in rising order
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> axes = (Map<String, Map<String, Object>>) artifacts.get("curveAxes");
        assertThat(axes.get("mAP vs crowding").get("values")).isEqualTo(List.of(0.0, 1.0));
        assertThat((String) axes.get("mAP vs crowding").get("label")).startsWith("crowding");

        Map<String, List<Double>> none = new java.util.LinkedHashMap<>();
        DetectionTask.againstCrowding(evals.subList(0, 2), metrics, none, new java.util.LinkedHashMap<>());
        assertThat(none).isEmpty(); // one level is not a curve
    }

    @Test
    void trainsOnceEvaluatesEverySetAndIsDeterministic() throws Exception {
        DetectionTask task = new DetectionTask();
        DetectionTask.CACHE.clear();
        FixedContext greedy = context(new GreedyNms());
        TrialOutcome first = task.run(greedy);
        assertThat(first.metrics()).containsKeys("mAP", "AP50", "AP75", "AR100", "postprocessMs", "mAP@crowding=1",
                "AP50@crowding=1", "AP75@crowding=1", "AR100@crowding=1", "postprocessMs@crowding=1");
        // every recorded metric has a declared direction, so the report never guesses which way is better
        assertThat(ablate.results.Direction.undeclared(task.metrics(), first.metrics().keySet())).isEmpty();
        assertThat(ablate.results.Direction.of(task.metrics(), "postprocessMs@crowding=1"))
                .isEqualTo(ablate.results.Direction.LOWER);
        for (var m : first.metrics().entrySet()) {
            assertThat(m.getValue()).as(m.getKey()).isBetween(0.0, m.getKey().startsWith("postprocessMs") ? 1e4 : 1.0);
        }
        assertThat(first.curves().get("trainLoss")).hasSize(1);
        assertThat(greedy.progress).hasSize(1);
        assertThat(first.artifacts().get("detector")).isEqualTo("trained in this trial");
        assertThat(first.artifacts()).containsKeys("prCurves", "examples", "dataSource");
        @SuppressWarnings("unchecked")
        Map<String, Object> pr = (Map<String, Object>) first.artifacts().get("prCurves");
        assertThat((List<?>) pr.get("recall")).hasSize(101);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> examples = (List<Map<String, Object>>) first.artifacts().get("examples");
        assertThat(examples).hasSize(2).extracting(e -> e.get("set")).containsExactly("test", "test@crowding=1");
        assertThat(java.util.Base64.getDecoder().decode((String) examples.get(0).get("png"))).startsWith(0x89, 'P', 'N', 'G');
        // The report reads both artifacts as they are stored (through JSON).
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = ResultsStore.JSON.readValue(ResultsStore.JSON.writeValueAsString(first.artifacts()), Map.class);
        TrialResult trial = new TrialResult("id", "v", 3, Map.of(), Status.PASSED, null, first.metrics(), first.curves(),
                first.cost(), stored, null, null, 0);
        assertThat(PrCurves.of(trial).map(c -> c.curves().size()).orElse(0)).isEqualTo(((List<?>) pr.get("curves")).size());
        assertThat(ExampleImage.of(trial)).hasSize(2).allSatisfy(e -> assertThat(e.png()).isNotEmpty())
                .extracting(e -> e.truth().size()).containsExactly(((List<?>) examples.get(0).get("truth")).size(),
                        ((List<?>) examples.get(1).get("truth")).size());
        assertThat(first.cost().macsPerSample()).isPositive();
        assertThat(first.cost().trainSeconds()).isPositive();

        // another post-processor with the same training configuration reuses the detector
        FixedContext soft = context(new SoftNmsGaussian());
        TrialOutcome reused = task.run(soft);
        assertThat(reused.artifacts().get("detector")).asString().startsWith("reused");
        assertThat(reused.curves()).isEqualTo(first.curves());
        assertThat(reused.cost().trainSeconds()).isEqualTo(first.cost().trainSeconds());
        assertThat(soft.progress).isEqualTo(greedy.progress);

        // retrained from scratch, the same seed gives the same numbers
        DetectionTask.CACHE.clear();
        TrialOutcome again = task.run(context(new GreedyNms()));
        assertThat(again.artifacts().get("detector")).isEqualTo("trained in this trial");
        assertThat(again.curves()).isEqualTo(first.curves());
        for (String metric : List.of("mAP", "AP50", "AP75", "AR100", "mAP@crowding=1")) {
            assertThat(again.metrics().get(metric)).as(metric).isEqualTo(first.metrics().get(metric));
        }
    }

    /** A fresh in-memory cache over the same directory stands for another trial process. */
    @Test
    void anotherProcessLoadsTheDetectorFromTheCacheAndGetsTheSameNumbers(@TempDir Path cache) throws Exception {
        DetectionTask task = new DetectionTask();
        DetectionTask.CACHE.clear();
        FixedContext trainer = context(new GreedyNms()).withCache(cache);
        TrialOutcome trained = task.run(trainer);
        assertThat(trained.artifacts().get("detector")).isEqualTo("trained in this trial");
        Path entry;
        try (var files = Files.list(cache)) {
            entry = files.filter(f -> f.toString().endsWith(".bin")).findFirst().orElseThrow();
        }
        assertThat(entry.getFileName().toString()).matches("detector-[0-9a-f]{64}\\.bin");

        DetectionTask.CACHE.clear();
        FixedContext loader = context(new GreedyNms()).withCache(cache);
        TrialOutcome loaded = task.run(loader);
        assertThat(loaded.artifacts().get("detector")).asString().startsWith("reused: loaded from the results' cache");
        assertSameNumbers(loaded, trained);
        assertThat(loaded.cost().trainSeconds()).isEqualTo(trained.cost().trainSeconds()); // the training's cost
        assertThat(loaded.cost().macsPerSample()).isEqualTo(trained.cost().macsPerSample());
        assertThat(loader.progress).isEqualTo(trainer.progress);

        Files.write(entry, new byte[]{1, 2, 3}); // a torn or foreign entry is never trusted
        DetectionTask.CACHE.clear();
        TrialOutcome retrained = task.run(context(new GreedyNms()).withCache(cache));
        assertThat(retrained.artifacts().get("detector")).isEqualTo("trained in this trial");
        assertSameNumbers(retrained, trained);
        assertThat(Files.size(entry)).isGreaterThan(1000);
    }

    /** Every metric but the timings, and the curves, bit for bit. */
    private static void assertSameNumbers(TrialOutcome actual, TrialOutcome expected) {
        assertThat(actual.metrics().keySet()).isEqualTo(expected.metrics().keySet());
        expected.metrics().forEach((metric, value) -> {
            if (!metric.startsWith("postprocessMs")) {
                assertThat(actual.metrics().get(metric)).as(metric).isEqualTo(value);
            }
        });
        assertThat(actual.curves().get("trainLoss")).isEqualTo(expected.curves().get("trainLoss"));
        assertThat(actual.artifacts().get("prCurves")).isEqualTo(expected.artifacts().get("prCurves"));
    }

    @Test
    void trainingKeyLeavesOutOnlyThePostprocessor() {
        FixedContext a = context(new GreedyNms());
        FixedContext b = context(new SoftNmsGaussian());
        FixedContext c = new FixedContext(4, BUDGET, TINY).with("model", new FcosMiniPlugin(), Map.of("width", 8, "input", 32))
                .with("cls-loss", new FocalLoss(), Map.of()).with("box-loss", new GiouLoss(), Map.of());
        String keyA = DetectorCache.key(a, a.slot("model", Plugin.class), a.slot("cls-loss", Plugin.class),
                a.slot("box-loss", Plugin.class));
        String keyB = DetectorCache.key(b, b.slot("model", Plugin.class), b.slot("cls-loss", Plugin.class),
                b.slot("box-loss", Plugin.class));
        String keyC = DetectorCache.key(c, c.slot("model", Plugin.class), c.slot("cls-loss", Plugin.class),
                c.slot("box-loss", Plugin.class));
        assertThat(keyA).isEqualTo(keyB).isNotEqualTo(keyC).contains("\"seed\":3", "\"id\":\"detector.fcos-mini\"",
                "\"width\":8", "\"epochs\":1", "\"eval-crowding\":[1.0]", "\"version\":" + DetectorCache.VERSION);
        FixedContext wider = new FixedContext(3, BUDGET, TINY).with("model", new FcosMiniPlugin(), Map.of("width", 16, "input", 32))
                .with("cls-loss", new FocalLoss(), Map.of()).with("box-loss", new GiouLoss(), Map.of());
        assertThat(DetectorCache.key(wider, wider.slot("model", Plugin.class), wider.slot("cls-loss", Plugin.class),
                wider.slot("box-loss", Plugin.class))).isNotEqualTo(keyA);
        FixedContext moreEpochs = new FixedContext(3, new Budget(2, 8, 0.002, "cosine", "adam", 0), TINY)
                .with("model", new FcosMiniPlugin(), Map.of("width", 8, "input", 32))
                .with("cls-loss", new FocalLoss(), Map.of()).with("box-loss", new GiouLoss(), Map.of());
        assertThat(DetectorCache.key(moreEpochs, moreEpochs.slot("model", Plugin.class),
                moreEpochs.slot("cls-loss", Plugin.class), moreEpochs.slot("box-loss", Plugin.class))).isNotEqualTo(keyA);
    }

    @Test
    void badDatasetOptionsStopTheRunWithOneClearMessage() {
        Task task = new DetectionTask();
        assertThatThrownBy(() -> task.prepare(new DatasetSpec("synthetic-scenes", "auto", 0, 0, Map.of("crowd", 1)), Map.of(), null))
                .hasMessageContaining("dataset.crowd: unknown option").hasMessageContaining("crowding");
        assertThatThrownBy(() -> task.prepare(new DatasetSpec("synthetic-scenes", "auto", 0, 0,
                Map.of("eval-crowding", List.of(0.5, 2))), Map.of(), null)).hasMessageContaining("dataset.eval-crowding")
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> task.prepare(new DatasetSpec("synthetic-scenes", "auto", 0, 0, Map.of("train-crowding", "high")),
                Map.of(), null)).hasMessageContaining("dataset.train-crowding must be a number in [0, 1], got high");
        assertThatThrownBy(() -> task.prepare(new DatasetSpec("synthetic-scenes", "auto", 0, 0, Map.of("preset", "busy")), Map.of(), null))
                .hasMessageContaining("busy");
        assertThatThrownBy(() -> task.prepare(new DatasetSpec("coco", "auto", 0, 0, Map.of("train-annotations", "a.json")), Map.of(), null))
                .hasMessageContaining("dataset.train-images");
        assertThatThrownBy(() -> task.prepare(new DatasetSpec("coco", "auto", 0, 0, Map.of("train-annotations", "/nonexistent.json",
                "train-images", "/x", "test-annotations", "/y", "test-images", "/z")), Map.of(), null))
                .hasMessageContaining("/nonexistent.json does not exist");
    }

    @Test
    void taskOptionsAreRefusedWithAHint() {
        assertThatThrownBy(() -> new DetectionTask().prepare(TINY, Map.of("width", 32), null))
                .hasMessageContaining("options: the detection task has no options (got width)")
                .hasMessageContaining("model: {id: detector.fcos-mini");
        new DetectionTask().prepare(TINY, Map.of(), null);
    }

    @Test
    void moduleRegistersTheTaskAndTheDetector() {
        assertThat(ServiceLoader.load(PluginModule.class).stream().map(p -> p.type().getName()).toList())
                .contains(DetectionTaskModule.class.getName());
        var injector = Guice.createInjector(new DetectionTaskModule());
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Set<Task>>() {
        }))).extracting(Task::id).containsExactly("detection");
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Set<Plugin>>() {
        }))).extracting(Plugin::id).containsExactly("detector.fcos-mini");
        assertThat(new DetectionTask().slots()).extracting(s -> s.name())
                .containsExactly("model", "cls-loss", "box-loss", "postprocess");
    }
}
