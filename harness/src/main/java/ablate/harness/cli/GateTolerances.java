package ablate.harness.cli;

import ablate.harness.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tolerances of {@code ablate compare}: a suite's {@code gate: {accuracy: {max-drop: 0.01}}} overridden by
 * {@code --max-drop accuracy=0.005}. A max-drop is in the metric's own unit and in its worse direction (a rise for
 * a lower-is-better metric). The suite loader checks the same block when the suite runs, so a typo fails early.
 */
final class GateTolerances {
    private GateTolerances() {
    }

    static Map<String, Double> of(Path suiteFile, Map<String, Double> overrides) {
        Map<String, Double> out = suiteFile == null ? new LinkedHashMap<>() : fromSuite(suiteFile);
        if (overrides != null) {
            overrides.forEach((m, v) -> {
                if (!(v >= 0) || v.isInfinite()) {
                    throw new UserError("--max-drop " + m + "=" + v + ": must be a number >= 0");
                }
                out.put(m, v);
            });
        }
        return out;
    }

    static Map<String, Double> fromSuite(Path file) {
        JsonNode gate;
        try {
            gate = new ObjectMapper(new YAMLFactory()).readTree(file.toFile()).path("gate");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read the suite's gate: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (gate.isMissingNode() || gate.isNull()) {
            return out;
        }
        if (!gate.isObject()) {
            throw new UserError(file + ": gate: expected a mapping (metric: {max-drop: number})");
        }
        gate.fields().forEachRemaining(e -> {
            String key = "gate." + e.getKey();
            JsonNode spec = e.getValue();
            if (!spec.isObject()) {
                throw new UserError(file + ": " + key + ": expected a mapping ({max-drop: number})");
            }
            spec.fieldNames().forEachRemaining(k -> {
                if (!k.equals("max-drop")) {
                    throw new UserError(file + ": " + key + "." + k + ": unknown key '" + k + "' (allowed: max-drop)");
                }
            });
            JsonNode v = spec.path("max-drop");
            if (!v.isNumber() || v.asDouble() < 0) {
                throw new UserError(file + ": " + key + ".max-drop: must be a number >= 0, got '" + v.asText() + "'");
            }
            out.put(e.getKey(), v.asDouble());
        });
        return out;
    }

    /** The suite file a run recorded, if it exists from here (the usual case: CI runs from the checkout). */
    static Path recordedSuite(Path run) {
        try {
            Path suiteJson = Files.isDirectory(run) ? run.resolve("suite.json") : null;
            JsonNode root = new ObjectMapper().readTree((suiteJson != null && Files.isRegularFile(suiteJson)
                    ? suiteJson : Files.isDirectory(run) ? run.resolve("summary.json") : run).toFile());
            String file = root.has("file") ? root.path("file").asText() : root.path("suite").path("file").asText("");
            return !file.isEmpty() && Files.isRegularFile(Path.of(file)) ? Path.of(file) : null;
        } catch (IOException | RuntimeException e) {
            return null; // the run itself is read (and its problems told) by the comparison
        }
    }
}
