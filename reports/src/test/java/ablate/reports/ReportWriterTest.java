package ablate.reports;

import ablate.results.ResultsStore;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The three reports of a fabricated suite with passed, failed, diverged and timed-out trials, written once. */
class ReportWriterTest {
    @TempDir
    static Path dir;
    static Path index;

    @BeforeAll
    static void writeReports() {
        Fixtures.writeRealistic(dir);
        index = ReportWriter.write(dir);
    }

    @Test
    void writesTheThreeReportsBesideTheResults() {
        assertThat(index).isEqualTo(dir.resolve("index.html"));
        assertThat(dir.resolve("summary.json")).isRegularFile();
        assertThat(dir.resolve("allure-results")).isDirectory();
    }

    @Test
    void htmlHasEverySectionAndNeedsNoNetwork() throws Exception {
        String html = Files.readString(index);
        for (String id : List.of("summary", "claims", "cost", "curves", "confusion", "failures", "provenance", "how-to-read")) {
            assertThat(html).contains("<section id=\"" + id + "\">");
        }
        assertThat(html).contains("attention-quick", "classification", "fashion-mnist", "epochs: 5",
                "27 / 30 passed", "4 reproduced", "ff585af", "PyTorch 2.5.1", "Intel(R) Xeon(R) CPU @ 2.20GHz",
                "embedded Fashion-MNIST subset", "<svg id='chart-params'", "<svg id='chart-latency'",
                "<svg id='chart-curve-0'", "Pareto front", "Ankle boot", "loss is NaN at epoch 3",
                "exceeded the per-trial timeout", "Content-Security-Policy");
        // The only URLs are XML namespace names, which browsers never fetch.
        String withoutNamespaces = html.replace("http://www.w3.org/2000/svg", "").replace("http://www.w3.org/1999/xlink", "")
                .replace("http://www.jfree.org/jfreesvg/svg", "");
        assertThat(withoutNamespaces).doesNotContain("http://", "https://", "@import");
        assertThat(html).doesNotContainPattern("url\\((?!#)");
        // No element loads anything: every src/href is a data: URI or an in-page anchor.
        assertThat(html).doesNotContainPattern("<[a-zA-Z][^>]*\\s(src|href)=[\"'](?!data:|#)");
        assertThat(html.toLowerCase()).doesNotContain("<script");
    }

    @Test
    void htmlRanksWithNotSignificantWhenIntervalsOverlap() throws Exception {
        String html = Files.readString(index);
        assertThat(html).contains("≈ n.s.", "Ranking not significant:", "not significantly better than");
    }

    @Test
    void summaryJsonHoldsStatsVerdictsFailuresAndProvenance() throws Exception {
        JsonNode json = ResultsStore.JSON.readTree(dir.resolve("summary.json").toFile());
        Analysis a = Analysis.of(dir);
        assertThat(json.path("schema").asText()).isEqualTo(SummaryJson.SCHEMA);
        assertThat(json.path("suite").path("name").asText()).isEqualTo("attention-quick");
        assertThat(json.path("suite").path("primaryMetric").asText()).isEqualTo("accuracy");
        assertThat(json.path("suite").path("primaryLowerIsBetter").asBoolean()).isFalse();
        JsonNode trials = json.path("trials");
        assertThat(List.of(trials.path("total").asInt(), trials.path("passed").asInt(), trials.path("failed").asInt(),
                trials.path("diverged").asInt(), trials.path("timedOut").asInt())).containsExactly(30, 27, 1, 1, 1);

        assertThat(json.path("variants")).hasSize(6);
        JsonNode se = json.path("variants").get(1);
        assertThat(se.path("name").asText()).isEqualTo("se");
        JsonNode acc = se.path("metrics").path("accuracy");
        var expected = a.variant("se").orElseThrow().metric("accuracy");
        assertThat(acc.path("n").asInt()).isEqualTo(5);
        assertThat(acc.path("mean").asDouble()).isCloseTo(expected.summary().mean(), within(1e-15));
        assertThat(acc.path("ciLow").asDouble()).isCloseTo(expected.summary().ciLow(), within(1e-15));
        assertThat(acc.path("vsBaseline").path("pairs").asInt()).isEqualTo(5);
        assertThat(acc.path("vsBaseline").path("pairedT").path("pHolm").asDouble())
                .isCloseTo(expected.vsBaseline().pHolm(), within(1e-15));
        assertThat(acc.path("vsBaseline").path("significant").asBoolean()).isTrue();
        assertThat(json.path("variants").get(0).path("metrics").path("accuracy").path("vsBaseline").isNull()).isTrue();
        assertThat(se.path("cost").path("totalParams").asLong()).isEqualTo(277_098);

        assertThat(json.path("ranking").get(0).path("variant").asText()).isEqualTo("se");
        assertThat(json.path("verdicts").path("reproduced").asInt()).isEqualTo(4);
        assertThat(json.path("verdicts").path("inconclusive").asInt()).isEqualTo(1);
        assertThat(json.path("claims")).hasSize(5);
        assertThat(json.path("claims").get(3).path("reason").asText()).contains("n=4", "not significant");
        assertThat(json.path("claims").get(0).path("verdict").asText()).isEqualTo("reproduced");
        assertThat(json.path("claims").get(0).path("reason").asText()).startsWith("Δ=+");

        List<String> failures = new ArrayList<>();
        json.path("failures").forEach(f -> failures.add(f.path("variant").asText() + "/" + f.path("seed").asLong() + "/"
                + f.path("status").asText()));
        assertThat(failures).containsExactly("cbam/3/failed", "eca/2/diverged", "simam/5/timed out");
        assertThat(json.path("failures").get(0).path("error").asText()).contains(Fixtures.HOSTILE_ERROR);
        assertThat(json.path("provenance").get(0).path("gitCommit").asText()).isEqualTo("ff585af");
    }

    @Test
    void allureHasOneWellFormedResultPerTrial() throws Exception {
        Path allure = dir.resolve("allure-results");
        List<Path> results = list(allure, "-result.json");
        assertThat(results).hasSize(30);
        int attachments = 0;
        java.util.Map<String, java.util.Set<String>> chartsByVariant = new java.util.HashMap<>();
        for (Path file : results) {
            JsonNode r = ResultsStore.JSON.readTree(file.toFile());
            assertThat(file.getFileName().toString()).isEqualTo(r.path("uuid").asText() + "-result.json");
            assertThat(r.path("name").asText()).matches(".+ \\[seed \\d]");
            assertThat(r.path("stage").asText()).isEqualTo("finished");
            assertThat(r.path("historyId").asText()).matches("[0-9a-f]{16,32}");
            assertThat(r.path("stop").asLong()).isGreaterThan(r.path("start").asLong());
            assertThat(labels(r, "suite")).containsExactly("attention-quick");
            assertThat(labels(r, "task")).containsExactly("classification");
            List<String> params = new ArrayList<>();
            r.path("parameters").forEach(p -> params.add(p.path("name").asText()));
            assertThat(params).startsWith("variant", "seed").contains("attention.plugin");
            List<String> steps = new ArrayList<>();
            r.path("steps").forEach(s -> steps.add(s.path("name").asText()));
            assertThat(steps).containsExactly("train", "evaluate");
            for (JsonNode step : r.path("steps")) {
                assertThat(step.path("stop").asLong()).isGreaterThanOrEqualTo(step.path("start").asLong());
                for (JsonNode att : step.path("attachments")) {
                    Path source = allure.resolve(att.path("source").asText());
                    assertThat(source).isRegularFile();
                    assertThat(Files.size(source)).isEqualTo(att.path("size").asLong());
                    switch (att.path("type").asText()) {
                        case "image/svg+xml" -> DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(source.toFile());
                        case "application/json" -> ResultsStore.JSON.readTree(source.toFile());
                        case "text/csv" -> assertThat(Files.readAllLines(source).get(0)).startsWith("epoch,");
                        default -> throw new AssertionError("unexpected attachment type " + att);
                    }
                    attachments++;
                }
            }
            String status = r.path("status").asText();
            String variant = r.path("name").asText();
            if (variant.equals("eca [seed 2]")) {
                assertThat(status).isEqualTo("broken");
                assertThat(r.path("statusDetails").path("message").asText()).isEqualTo("diverged: loss is NaN at epoch 3 (step 141)");
                assertThat(r.path("steps").get(0).path("status").asText()).isEqualTo("broken");
                assertThat(r.path("steps").get(1).path("status").asText()).isEqualTo("skipped");
            } else if (variant.equals("simam [seed 5]")) {
                assertThat(status).isEqualTo("broken");
                assertThat(r.path("statusDetails").path("message").asText()).startsWith("timed out: exceeded");
                assertThat(r.path("steps").get(1).path("status").asText()).isEqualTo("broken");
            } else if (variant.equals("cbam [seed 3]")) {
                assertThat(status).isEqualTo("failed");
                assertThat(r.path("statusDetails").path("message").asText()).contains(Fixtures.HOSTILE_ERROR);
            } else {
                assertThat(status).isEqualTo("passed");
                assertThat(r.path("steps").get(0).path("attachments")).hasSize(2);
                List<String> evaluated = new ArrayList<>();
                r.path("steps").get(1).path("parameters").forEach(p -> evaluated.add(p.path("name").asText()));
                assertThat(evaluated).containsExactly("accuracy", "balancedAccuracy", "macroF1", "top5",
                        "cost.trainableParams", "cost.totalParams", "cost.macsPerSample", "cost.trainSeconds",
                        "cost.latencyMedianMs", "cost.latencyP95Ms", "cost.peakMemoryBytes");
                String variantName = r.path("name").asText().replaceFirst(" \\[seed \\d]$", "");
                chartsByVariant.computeIfAbsent(variantName, k -> new java.util.HashSet<>())
                        .add(r.path("steps").get(0).path("attachments").get(0).path("source").asText());
            }
        }
        // The trials of a variant share one chart.
        assertThat(chartsByVariant).hasSize(6).allSatisfy((variant, sources) -> assertThat(sources).hasSize(1));
        // 27 passed trials and the diverged one: SVG + CSV of their variant; the other two recorded no curve.
        assertThat(attachments).isEqualTo(28 * 2);
        // The trials of a variant share its attachments: one chart and one CSV per variant.
        assertThat(list(allure, "-attachment.svg")).hasSize(6);
        assertThat(list(allure, "-attachment.csv")).hasSize(6);

        JsonNode categories = ResultsStore.JSON.readTree(allure.resolve("categories.json").toFile());
        assertThat(categories).hasSize(3);
        Properties env = new Properties();
        try (Reader r = Files.newBufferedReader(allure.resolve("environment.properties"), java.nio.charset.StandardCharsets.ISO_8859_1)) {
            env.load(r);
        }
        assertThat(env.getProperty("git.commit")).isEqualTo("ff585af");
        assertThat(env.getProperty("engine")).isEqualTo("PyTorch 2.5.1, 2 threads per trial");
    }

    @Test
    void rewritingReplacesEarlierAllureFiles() throws Exception {
        Path allure = dir.resolve("allure-results");
        Files.writeString(allure.resolve("0000-result.json"), "{}");
        Files.writeString(allure.resolve("0000-attachment.svg"), "<svg/>");
        Files.writeString(allure.resolve("notes.txt"), "not Allure's");
        ReportWriter.write(dir);
        assertThat(allure.resolve("0000-result.json")).doesNotExist();
        assertThat(allure.resolve("0000-attachment.svg")).doesNotExist();
        assertThat(allure.resolve("notes.txt")).exists();
        assertThat(list(dir.resolve("allure-results"), "-result.json")).hasSize(30);
        assertThat(list(dir.resolve("allure-results"), "-attachment.svg")).hasSize(6);
    }

    @Test
    void aSuiteWhereNothingPassedStillGetsItsReports(@TempDir Path empty) throws Exception {
        SuiteInfo suite = Fixtures.suite(List.of(Fixtures.variant("base", "x", java.util.Map.of())), List.of(1L));
        ResultsStore store = new ResultsStore(empty);
        store.writeSuite(suite);
        store.write(Fixtures.trial("base", 1, Status.TIMED_OUT, "too slow", java.util.Map.of(), java.util.Map.of(),
                ablate.results.Cost.NONE, java.util.Map.of()));
        String html = Files.readString(ReportWriter.write(empty));
        assertThat(html).contains("no trial passed, so nothing is ranked", "too slow", "0 / 1 passed");
        JsonNode json = ResultsStore.JSON.readTree(empty.resolve("summary.json").toFile());
        assertThat(json.path("ranking")).isEmpty();
        assertThat(json.path("variants").get(0).path("cost").isNull()).isTrue();
    }

    @Test
    void aMissingPrimaryMetricIsNamed(@TempDir Path other) throws Exception {
        ResultsStore store = new ResultsStore(other);
        store.writeSuite(Fixtures.suite(List.of(Fixtures.variant("base", "x", java.util.Map.of())), List.of(1L)));
        store.write(Fixtures.trial("base", 1, Status.PASSED, null, java.util.Map.of("mAP", 0.5), java.util.Map.of(),
                ablate.results.Cost.NONE, java.util.Map.of()));
        assertThat(Files.readString(ReportWriter.write(other))).contains(
                "No passed trial recorded the primary metric accuracy; the metrics recorded are mAP.",
                "no passed trial recorded accuracy, so nothing is ranked");
    }

    @Test
    void shardsOfOneSuiteMergeIntoOneReport(@TempDir Path shards) throws Exception {
        SuiteInfo suite = Analysis.of(dir).suite();
        List<ablate.results.TrialResult> all = new ResultsStore(dir).readAll();
        for (int shard = 0; shard < 2; shard++) {
            ResultsStore store = new ResultsStore(shards.resolve("shard" + shard));
            store.writeSuite(suite);
            for (int i = shard; i < all.size(); i += 2) {
                store.write(all.get(i));
            }
        }
        new ResultsStore(shards.resolve("shard1")).write(all.get(0)); // a trial in both shards counts once
        Path out = shards.resolve("merged");
        ReportWriter.write(List.of(shards.resolve("shard0"), shards.resolve("shard1")), out);
        JsonNode merged = ResultsStore.JSON.readTree(out.resolve("summary.json").toFile());
        JsonNode single = ResultsStore.JSON.readTree(dir.resolve("summary.json").toFile());
        assertThat(merged.path("trials")).isEqualTo(single.path("trials"));
        assertThat(merged.path("variants")).isEqualTo(single.path("variants"));

        ResultsStore other = new ResultsStore(shards.resolve("other"));
        other.writeSuite(Fixtures.suite(List.of(Fixtures.variant("x", "y", java.util.Map.of())), List.of(1L)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Analysis.of(List.of(dir, shards.resolve("other"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only shards of one suite");
    }

    private static List<String> labels(JsonNode result, String name) {
        List<String> values = new ArrayList<>();
        result.path("labels").forEach(l -> {
            if (l.path("name").asText().equals(name)) {
                values.add(l.path("value").asText());
            }
        });
        return values;
    }

    private static List<Path> list(Path dir, String suffix) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        }
    }
}
