package ablate.e2e;

import ablate.harness.cli.Main;
import ablate.results.ResultsStore;
import ablate.results.Status;
import ablate.results.TrialResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A tiny real suite through the CLI: real training on the embedded Fashion-MNIST, then the reports. */
class EndToEndTest {
    static final String SUITE = """
            name: e2e <tiny>
            task: classification
            dataset: {name: fashion-mnist, source: embedded, train: 600, test: 200}
            model: {id: model.resnet-mini, depth: 8, width: 8}
            baseline: {attention: attention.none}
            variants:
              se: {attention: {id: attention.se, reduction: 4}}
            seeds: [1, 2]
            budget: {epochs: 2, batch: 30, lr: 0.05}
            timeout: 2m
            """;

    @TempDir
    static Path dir;
    static Path out;
    static int exitCode;

    @BeforeAll
    static void runSuite() throws Exception {
        Path suite = dir.resolve("tiny.yaml");
        Files.writeString(suite, SUITE);
        out = dir.resolve("out");
        exitCode = Main.execute("run", suite.toString(), "--out", out.toString(), "--device", "cpu", "--quiet");
    }

    @Test
    void everyTrialPassesWithRealMetricsAndCost() {
        assertThat(exitCode).isZero();
        List<TrialResult> results = new ResultsStore(out).readAll();
        assertThat(results).hasSize(4).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.PASSED);
            assertThat(r.metrics().get("accuracy")).isBetween(0.3, 1.0); // well above chance (0.1) after 40 steps
            assertThat(r.curves().get("trainLoss")).hasSize(2);
            assertThat(r.cost().totalParams()).isPositive();
            assertThat(r.cost().macsPerSample()).isPositive();
            assertThat(r.cost().latencyMedianMs()).isPositive();
            assertThat(r.provenance().engine()).isEqualTo("PyTorch");
            assertThat(r.provenance().dataSource()).contains("embedded");
        });
        long seParams = results.stream().filter(r -> r.variant().equals("se")).findFirst().orElseThrow().cost().totalParams();
        long baseParams = results.stream().filter(r -> r.variant().equals("baseline")).findFirst().orElseThrow().cost().totalParams();
        assertThat(seParams).isGreaterThan(baseParams);
    }

    @Test
    void summaryJsonHasEveryVariantWithStatistics() throws Exception {
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.toString()).contains("\"baseline\"", "\"se\"", "accuracy");
        assertThat(summary.findValues("mean")).isNotEmpty();
    }

    @Test
    void htmlReportShowsTheComparisonEscaped() throws Exception {
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("e2e &lt;tiny&gt;").doesNotContain("e2e <tiny>");
        assertThat(html).contains("attention.se", "accuracy", "<svg", "Ankle boot", "PyTorch");
        assertThat(html).doesNotContainPattern("(src|href)=\"https?:"); // self-contained: nothing fetched
        try (var files = Files.list(out.resolve("allure-results"))) {
            assertThat(files.filter(f -> f.toString().endsWith("-result.json")).count()).isEqualTo(4);
        }
    }

    @Test
    void sameSeedOnCpuGivesIdenticalMetrics() throws Exception {
        Path again = dir.resolve("again");
        assertThat(Main.execute("run", dir.resolve("tiny.yaml").toString(), "--out", again.toString(),
                "--device", "cpu", "--quiet")).isZero();
        Map<String, Map<String, Double>> first = metricsById(out);
        assertThat(metricsById(again)).isEqualTo(first);
    }

    @Test
    void parallelTrialsTrainSideBySideWithTheSameMetrics() throws Exception {
        Path parallel = dir.resolve("parallel");
        // each trial process sets its engine's thread count; the same count as the first run's (all cores) keeps
        // the order of floating-point reductions, so the last digits
        String cores = String.valueOf(Runtime.getRuntime().availableProcessors());
        assertThat(Main.execute("run", dir.resolve("tiny.yaml").toString(), "--out", parallel.toString(),
                "--device", "cpu", "--quiet", "--jobs", "2", "--threads", cores)).isZero();
        assertThat(new ResultsStore(parallel).readAll()).allSatisfy(t -> assertThat(t.status()).isEqualTo(Status.PASSED));
        assertThat(metricsById(parallel)).isEqualTo(metricsById(out));
    }

    private static Map<String, Map<String, Double>> metricsById(Path results) {
        return new ResultsStore(results).readAll().stream()
                .collect(java.util.stream.Collectors.toMap(TrialResult::id, TrialResult::metrics));
    }
}
