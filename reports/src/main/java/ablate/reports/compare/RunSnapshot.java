package ablate.reports.compare;

import ablate.results.Direction;
import ablate.results.ResultsStore;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ablate compare} needs of one run, read from a results directory (per-seed values from
 * {@code trials/}, so differences can be paired) or from a {@code summary.json} alone (means and sds only).
 *
 * @param source     the directory or file it was read from, for messages
 * @param suite      suite name
 * @param directions each metric's declared direction
 * @param variants   variant names in suite order
 * @param metrics    variant → metric → values
 * @param trials     variant → seed → how the trial ended (seeds never run are absent)
 * @param claims     "variant · plugin · metric" → verdict, from {@code summary.json} (empty when there is none)
 * @param commit     the commit the run's provenance names, or null
 */
public record RunSnapshot(Path source, String suite, Map<String, Direction> directions, List<String> variants,
                          Map<String, Map<String, MetricSample>> metrics, Map<String, Map<Long, Status>> trials,
                          Map<String, String> claims, String commit) {
    /** The summary layout this code reads; a newer major version may have moved what it needs. */
    static final int SUMMARY_MAJOR = 1;

    /** A results directory, or a {@code summary.json} (or a directory holding only one). */
    public static RunSnapshot read(Path path) {
        if (Files.isDirectory(path) && Files.isRegularFile(path.resolve("suite.json"))) {
            return fromResults(path);
        }
        Path summary = Files.isDirectory(path) ? path.resolve("summary.json") : path;
        if (!Files.isRegularFile(summary)) {
            throw new BadInput(path + ": neither a results directory (suite.json) nor a summary.json");
        }
        if (isHistoryRecord(summary)) {
            try {
                return fromRecord(summary);
            } catch (NumberFormatException e) {
                throw new BadInput(summary + ": a corrupt history record (a seed that is not a number: " + e.getMessage() + ")");
            }
        }
        return fromSummary(summary, readJson(summary));
    }

    /** A record of {@code ablate history add} (it has "format" and "series", a summary has "schema"). */
    private static boolean isHistoryRecord(Path file) {
        try {
            JsonNode n = ResultsStore.JSON.readTree(file.toFile());
            return n != null && n.has("format") && n.has("series") && !n.has("schema");
        } catch (IOException e) {
            return false; // told by the summary reader, with the file's name
        }
    }

    /**
     * A history record as a run, so a pull request's base can come from the store: per-seed values and trial
     * outcomes when the record kept them (added from a results directory), else the summary figures (unpaired).
     */
    private static RunSnapshot fromRecord(Path file) {
        JsonNode n;
        try {
            n = ResultsStore.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInput(file + ": not valid JSON (truncated or corrupt?): " + firstLine(e.getMessage()));
        }
        if (n.path("format").asInt() > 1) {
            throw new BadInput(file + ": a history record of a newer format (" + n.path("format").asInt() + ")");
        }
        Map<String, Direction> directions = new LinkedHashMap<>();
        n.path("directions").fields().forEachRemaining(e ->
                directions.put(e.getKey(), direction(file, e.getKey(), e.getValue().asText())));
        List<String> variants = new ArrayList<>();
        Map<String, Map<String, MetricSample>> metrics = new LinkedHashMap<>();
        n.path("series").fields().forEachRemaining(v -> {
            variants.add(v.getKey());
            v.getValue().fields().forEachRemaining(m -> {
                JsonNode seeds = n.path("seeds").path(v.getKey()).path(m.getKey());
                MetricSample sample;
                if (seeds.isObject() && seeds.size() > 0) {
                    Map<Long, Double> bySeed = new HashMap<>();
                    seeds.fields().forEachRemaining(s -> bySeed.put(Long.parseLong(s.getKey()), s.getValue().asDouble()));
                    sample = MetricSample.ofSeeds(bySeed);
                } else {
                    JsonNode p = m.getValue();
                    sample = MetricSample.ofSummary(p.path("n").asInt(), p.path("mean").asDouble(), p.path("sd").asDouble(Double.NaN));
                }
                metrics.computeIfAbsent(v.getKey(), k -> new LinkedHashMap<>()).put(m.getKey(), sample);
            });
        });
        Map<String, Map<Long, Status>> statuses = new LinkedHashMap<>();
        n.path("trials").fields().forEachRemaining(v -> v.getValue().fields().forEachRemaining(s ->
                statuses.computeIfAbsent(v.getKey(), k -> new HashMap<>()).put(Long.parseLong(s.getKey()),
                        status(file, s.getValue().asText()))));
        Map<String, String> claims = new LinkedHashMap<>();
        n.path("claims").fields().forEachRemaining(c -> claims.put(c.getKey(), c.getValue().asText()));
        return new RunSnapshot(file, n.path("suite").asText(), directions, variants, metrics, statuses, claims,
                n.path("commit").asText(null));
    }

    /** The run's {@code summary.json} as a tree, checked to be one this code understands. */
    public static JsonNode readJson(Path file) {
        JsonNode root;
        try {
            root = ResultsStore.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInput(file + ": not valid JSON (truncated or corrupt?): " + firstLine(e.getMessage()));
        }
        String schema = root == null ? "" : root.path("schema").asText("");
        if (!schema.startsWith("ablate-summary/")) {
            throw new BadInput(file + ": not an Ablate summary.json (no \"schema\": \"ablate-summary/…\")");
        }
        int major = parseMajor(schema.substring("ablate-summary/".length()));
        if (major > SUMMARY_MAJOR) {
            throw new BadInput(file + ": written by a newer Ablate (" + schema + "; this one reads ablate-summary/"
                    + SUMMARY_MAJOR + ")");
        }
        return root;
    }

    private static RunSnapshot fromResults(Path dir) {
        SuiteInfo suite;
        List<TrialResult> trials;
        try {
            suite = new ResultsStore(dir).readSuite();
            trials = new ResultsStore(dir).readAll();
        } catch (UncheckedIOException e) {
            throw new BadInput(firstLine(e.getMessage()));
        }
        Map<String, Direction> directions = new LinkedHashMap<>();
        if (suite.metrics() != null) {
            directions.putAll(suite.metrics());
        } else if (suite.lowerIsBetter() != null) {
            suite.lowerIsBetter().forEach(m -> directions.put(m, Direction.LOWER));
        }
        List<String> variants = suite.variants().stream().map(SuiteInfo.Variant::name).toList();
        Map<String, Map<String, Map<Long, Double>>> values = new LinkedHashMap<>();
        Map<String, Map<Long, Status>> statuses = new LinkedHashMap<>();
        String commit = null;
        for (TrialResult t : trials) {
            statuses.computeIfAbsent(t.variant(), k -> new HashMap<>()).put(t.seed(), t.status());
            if (t.provenance() != null && t.provenance().gitCommit() != null) {
                commit = t.provenance().gitCommit();
            }
            if (t.status() != Status.PASSED || t.metrics() == null) {
                continue;
            }
            t.metrics().forEach((m, v) -> {
                if (v != null && Double.isFinite(v)) {
                    values.computeIfAbsent(t.variant(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(m, k -> new HashMap<>()).put(t.seed(), v);
                }
            });
        }
        Map<String, Map<String, MetricSample>> metrics = new LinkedHashMap<>();
        values.forEach((v, byMetric) -> byMetric.forEach((m, bySeed) ->
                metrics.computeIfAbsent(v, k -> new LinkedHashMap<>()).put(m, MetricSample.ofSeeds(bySeed))));
        Path summary = dir.resolve("summary.json");
        Map<String, String> claims = Files.isRegularFile(summary) ? claims(readJson(summary)) : Map.of();
        return new RunSnapshot(dir, suite.name(), directions, variants, metrics, statuses, claims, commit);
    }

    static RunSnapshot fromSummary(Path file, JsonNode root) {
        JsonNode suite = root.path("suite");
        String name = suite.path("name").asText(null);
        if (name == null || !root.path("variants").isArray()) {
            throw new BadInput(file + ": summary.json lacks suite.name or variants");
        }
        Map<String, Direction> directions = new LinkedHashMap<>();
        suite.path("metricDirections").fields().forEachRemaining(e ->
                directions.put(e.getKey(), direction(file, e.getKey(), e.getValue().asText())));
        List<String> variants = new ArrayList<>();
        Map<String, Map<String, MetricSample>> metrics = new LinkedHashMap<>();
        for (JsonNode v : root.path("variants")) {
            String variant = v.path("name").asText();
            variants.add(variant);
            v.path("metrics").fields().forEachRemaining(e -> {
                JsonNode m = e.getValue();
                if (m.path("mean").isNumber()) {
                    metrics.computeIfAbsent(variant, k -> new LinkedHashMap<>()).put(e.getKey(), MetricSample.ofSummary(
                            m.path("n").asInt(), m.path("mean").asDouble(), m.path("sd").asDouble(Double.NaN)));
                }
            });
        }
        // summary.json lists the trials that did not pass; every other planned one passed
        Map<String, Map<Long, Status>> statuses = new LinkedHashMap<>();
        for (String v : variants) {
            for (JsonNode s : suite.path("seeds")) {
                statuses.computeIfAbsent(v, k -> new HashMap<>()).put(s.asLong(), Status.PASSED);
            }
        }
        for (JsonNode f : root.path("failures")) {
            Status st = status(file, f.path("status").asText("failed"));
            statuses.computeIfAbsent(f.path("variant").asText(), k -> new HashMap<>()).put(f.path("seed").asLong(), st);
        }
        String commit = null;
        for (JsonNode p : root.path("provenance")) {
            commit = p.path("gitCommit").asText(commit);
        }
        return new RunSnapshot(file, name, directions, variants, metrics, statuses, claims(root), commit);
    }

    private static Map<String, String> claims(JsonNode root) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode c : root.path("claims")) {
            out.put(c.path("variant").asText() + " · " + c.path("plugin").asText() + " · " + c.path("metric").asText(),
                    c.path("verdict").asText());
        }
        return out;
    }

    /** The direction of {@code metric}, HIGHER when the run declares none (as reports assume for old files). */
    public Direction direction(String metric) {
        Direction d = Direction.of(directions, metric);
        return d == null ? Direction.HIGHER : d;
    }

    /** Every metric name recorded or declared in this run. */
    public java.util.Set<String> metricNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(directions.keySet());
        metrics.values().forEach(m -> names.addAll(m.keySet()));
        return names;
    }

    /** A direction as summary.json and history records write it ("higher"); anything else is a corrupt file. */
    static Direction direction(Path file, String metric, String text) {
        try {
            return Direction.valueOf(text.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new BadInput(file + ": metric '" + metric + "' has direction '" + text + "' (higher, lower or none)");
        }
    }

    /** A trial status as its label ("timed out"); anything else is a corrupt file. */
    static Status status(Path file, String label) {
        try {
            return Status.valueOf(label.toUpperCase().replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new BadInput(file + ": unknown trial status '" + label + "'");
        }
    }

    private static int parseMajor(String version) {
        try {
            return Integer.parseInt(version.replaceFirst("\\..*", ""));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
