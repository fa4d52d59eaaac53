package ablate.reports;

import ablate.results.Cost;
import ablate.results.Direction;
import ablate.results.ResultsStore;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A worse calibration is never shown as an improvement: every metric's direction comes from the task. */
class MetricDirectionTest {
    private static final List<Long> SEEDS = List.of(1L, 2L, 3L, 4L, 5L);

    private static SuiteInfo suite() {
        return Fixtures.suite(List.of(Fixtures.variant("none", "attention.none", Map.of()),
                Fixtures.variant("se", "attention.se", Map.of("reduction", 4))), SEEDS);
    }

    /** SE: the same accuracy, clearly worse (higher) ECE on every seed, and a figure the task never declared. */
    private static List<TrialResult> trials() {
        List<TrialResult> out = new ArrayList<>();
        for (long seed : SEEDS) {
            for (String v : List.of("none", "se")) {
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("accuracy", 0.8 + 0.001 * seed);
                m.put("ece", (v.equals("se") ? 0.064 + 0.001 * (seed % 3) : 0.049) + 0.0005 * seed);
                m.put("mystery", (v.equals("se") ? 2.0 : 1.0) + 0.01 * seed * seed);
                out.add(Fixtures.trial(v, seed, Status.PASSED, null, m, Map.of(), Cost.NONE, Map.of()));
            }
        }
        return out;
    }

    @Test
    void aSignificantlyHigherCalibrationErrorIsWorseInTheTableAndInSummaryJson() {
        SuiteInfo declared = suite().withMetrics(Map.of("accuracy", Direction.HIGHER, "ece", Direction.LOWER));
        Analysis a = Analysis.of(declared, trials());
        Comparison ece = a.variant("se").orElseThrow().metric("ece").vsBaseline();
        assertThat(ece.significant()).isTrue();
        assertThat(a.tone("ece", ece)).isEqualTo("worse");

        JsonNode json = SummaryJson.toJson(a);
        JsonNode se = json.get("variants").get(1).get("metrics");
        assertThat(se.get("ece").get("direction").asText()).isEqualTo("lower");
        assertThat(se.get("ece").get("vsBaseline").get("outcome").asText()).isEqualTo("worse");
        assertThat(json.get("suite").get("metricDirections").get("ece").asText()).isEqualTo("lower");

        String html = HtmlReport.render(a);
        assertThat(html).contains("ece <span class=\"dir\">↓</span>");
        assertThat(html).doesNotContain("<span class=\"better\">");
        assertThat(html).contains("<span class=\"worse\">");
    }

    @Test
    void aRecordedMetricWithoutADeclaredDirectionIsNeverColouredAndIsFlagged() {
        SuiteInfo declared = suite().withMetrics(Map.of("accuracy", Direction.HIGHER, "ece", Direction.LOWER));
        Analysis a = Analysis.of(declared, trials());
        assertThat(a.undeclaredMetrics()).containsExactly("mystery");
        assertThat(a.direction("mystery")).isEqualTo(Direction.NONE);
        Comparison c = a.variant("se").orElseThrow().metric("mystery").vsBaseline();
        assertThat(c.significant()).isTrue();
        assertThat(a.tone("mystery", c)).isEqualTo("neutral");
        assertThat(HtmlReport.render(a)).contains("The task declares no direction for mystery");
        assertThat(SummaryJson.toJson(a).get("suite").get("undeclaredMetrics").get(0).asText()).isEqualTo("mystery");
    }

    @Test
    void directionsAndTheDescriptionTravelThroughSuiteJson(@TempDir Path dir) {
        SuiteInfo declared = suite().withMetrics(Map.of("accuracy", Direction.HIGHER, "ece", Direction.LOWER))
                .withDescription("SE against the baseline");
        new ResultsStore(dir).writeSuite(declared);
        SuiteInfo read = new ResultsStore(dir).readSuite();
        assertThat(read.metrics()).containsEntry("ece", Direction.LOWER);
        assertThat(read.lowerIsBetter()).containsExactly("ece");
        assertThat(read.description()).isEqualTo("SE against the baseline");
        // shown under the title, escaped like every string from the suite
        assertThat(HtmlReport.render(Analysis.of(read.withDescription("SE <b>vs</b> none"), trials())))
                .contains("<p class=\"description\">SE &lt;b&gt;vs&lt;/b&gt; none</p>");
        assertThat(SummaryJson.toJson(Analysis.of(read, trials())).get("suite").get("description").asText())
                .isEqualTo("SE against the baseline");
    }

    @Test
    void anOlderSuiteJsonWithoutDeclarationsStillReadsAndTreatsErrorLikeNamesAsLowerIsBetter(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("suite.json"), """
                {"name": "old", "file": "suites/old.yaml", "task": "classification", "primaryMetric": "accuracy",
                 "lowerIsBetter": ["postprocessMs"], "baseline": "none",
                 "variants": [{"name": "none", "slots": {}, "claims": []}], "seeds": [1], "dataset": {}, "budget": {}}
                """);
        SuiteInfo old = new ResultsStore(dir).readSuite();
        assertThat(old.metrics()).isNull();
        Analysis a = Analysis.of(old, List.of());
        assertThat(a.direction("ece")).isEqualTo(Direction.LOWER);
        assertThat(a.direction("trainLoss")).isEqualTo(Direction.LOWER);
        assertThat(a.direction("postprocessMs@crowding=0.5")).isEqualTo(Direction.LOWER);
        assertThat(a.direction("accuracy")).isEqualTo(Direction.HIGHER);
        assertThat(a.undeclaredMetrics()).isEmpty();
        assertThat(HtmlReport.render(a)).contains("old");
    }
}
