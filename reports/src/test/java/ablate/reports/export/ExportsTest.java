package ablate.reports.export;

import ablate.reports.compare.BadInput;
import ablate.results.ResultsStore;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportsTest {
    static final String SUMMARY = """
            {"schema":"ablate-summary/1","suite":{"name":"q","metricDirections":{"accuracy":"higher","ece":"lower"}},
             "variants":[{"name":"se","metrics":{
               "accuracy":{"direction":"higher","n":3,"mean":0.75,"sd":0.01,"ciLow":0.725,"ciHigh":0.775},
               "ece":{"direction":"lower","n":1,"mean":0.05,"sd":null,"ciLow":null,"ciHigh":null}}}]}""";

    private static JsonNode summary() throws Exception {
        return ResultsStore.JSON.readTree(SUMMARY);
    }

    @Test
    void bencherMetricFormatHasTheMeanAndItsCi() throws Exception {
        JsonNode b = Exports.export(summary(), "bencher");
        assertThat(b.toString()).isEqualTo("{\"q/se\":{\"accuracy\":{\"value\":0.75,\"lower_value\":0.725,"
                + "\"upper_value\":0.775},\"ece\":{\"value\":0.05}}}");
    }

    @Test
    void githubActionBenchmarkSplitsByDirection() throws Exception {
        JsonNode bigger = Exports.export(summary(), "customBiggerIsBetter");
        assertThat(bigger).hasSize(1);
        assertThat(bigger.get(0).path("name").asText()).isEqualTo("q/se accuracy");
        assertThat(bigger.get(0).path("value").asDouble()).isEqualTo(0.75);
        assertThat(bigger.get(0).path("range").asText()).isEqualTo("± 0.0250000");
        assertThat(bigger.get(0).path("extra").asText()).isEqualTo("mean over 3 seed(s); 95% CI [0.725000, 0.775000]");
        JsonNode smaller = Exports.export(summary(), "customSmallerIsBetter");
        assertThat(smaller).singleElement().satisfies(n -> {
            assertThat(n.path("name").asText()).isEqualTo("q/se ece");
            assertThat(n.has("range")).isFalse();
        });
        assertThatThrownBy(() -> Exports.export(summary(), "asv")).isInstanceOf(BadInput.class)
                .hasMessageContaining("formats: bencher, customBiggerIsBetter, customSmallerIsBetter");
    }
}
