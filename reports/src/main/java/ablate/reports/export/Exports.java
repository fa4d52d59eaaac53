package ablate.reports.export;

import ablate.reports.compare.BadInput;
import ablate.results.ResultsStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * {@code summary.json} in the formats other history keepers read, so a team already on one of them keeps Ablate's
 * numbers there: Bencher's metric format (BMF: benchmark → measure → value with lower/upper bounds, here the 95% CI)
 * and github-action-benchmark's {@code customBiggerIsBetter} / {@code customSmallerIsBetter} arrays (one file per
 * direction, because the tool takes the direction from the file's {@code tool:} setting). A benchmark is
 * {@code suite/variant}; each metric with a mean is one value.
 */
public final class Exports {
    public static final List<String> FORMATS = List.of("bencher", "customBiggerIsBetter", "customSmallerIsBetter");

    private Exports() {
    }

    public static JsonNode export(JsonNode summary, String format) {
        return switch (format) {
            case "bencher" -> bencher(summary);
            case "customBiggerIsBetter" -> githubActionBenchmark(summary, "higher");
            case "customSmallerIsBetter" -> githubActionBenchmark(summary, "lower");
            default -> throw new BadInput("--format " + format + ": unknown (formats: " + String.join(", ", FORMATS) + ")");
        };
    }

    /** {@code {"suite/variant": {"metric": {"value": mean, "lower_value": ciLow, "upper_value": ciHigh}}}}. */
    static ObjectNode bencher(JsonNode summary) {
        ObjectNode out = ResultsStore.JSON.createObjectNode();
        String suite = summary.path("suite").path("name").asText();
        for (JsonNode v : summary.path("variants")) {
            ObjectNode bench = out.putObject(suite + "/" + v.path("name").asText());
            v.path("metrics").fields().forEachRemaining(e -> {
                JsonNode m = e.getValue();
                if (m.path("mean").isNumber()) {
                    ObjectNode measure = bench.putObject(e.getKey());
                    measure.set("value", m.path("mean"));
                    if (m.path("ciLow").isNumber() && m.path("ciHigh").isNumber()) {
                        measure.set("lower_value", m.path("ciLow"));
                        measure.set("upper_value", m.path("ciHigh"));
                    }
                }
            });
        }
        return out;
    }

    /** {@code [{"name", "unit", "value", "range", "extra"}]} for the metrics whose direction matches. */
    static ArrayNode githubActionBenchmark(JsonNode summary, String direction) {
        ArrayNode out = ResultsStore.JSON.createArrayNode();
        String suite = summary.path("suite").path("name").asText();
        JsonNode directions = summary.path("suite").path("metricDirections");
        for (JsonNode v : summary.path("variants")) {
            v.path("metrics").fields().forEachRemaining(e -> {
                JsonNode m = e.getValue();
                String d = m.path("direction").asText(directions.path(e.getKey()).asText(""));
                if (!d.equals(direction) || !m.path("mean").isNumber()) {
                    return;
                }
                ObjectNode b = out.addObject();
                b.put("name", suite + "/" + v.path("name").asText() + " " + e.getKey());
                b.put("unit", e.getKey());
                b.set("value", m.path("mean"));
                boolean ci = m.path("ciLow").isNumber() && m.path("ciHigh").isNumber();
                if (ci) {
                    b.put("range", String.format(Locale.ROOT, "± %.6g", (m.path("ciHigh").asDouble() - m.path("ciLow").asDouble()) / 2));
                }
                b.put("extra", "mean over " + m.path("n").asInt() + " seed(s)" + (ci ? String.format(Locale.ROOT,
                        "; 95%% CI [%.6g, %.6g]", m.path("ciLow").asDouble(), m.path("ciHigh").asDouble()) : ""));
            });
        }
        return out;
    }
}
