package ablate.reports.history;

import ablate.reports.compare.BadInput;
import ablate.reports.compare.RunSnapshot;
import ablate.results.AtomicFiles;
import ablate.results.ResultsStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An append-only folder of run records, like asv's results folder: it can live on a git branch or in a CI cache,
 * because a record is never rewritten (two CI jobs adding at once write different files) and nothing but the
 * records is kept. Layout: {@code ablate-history.json} (the format version) and
 * {@code records/<suite>/<machine>/<date>-<commit>.json}, with the run's {@code index.html} beside its record.
 */
public final class HistoryStore {
    public static final int FORMAT = 1;
    static final String MARKER = "ablate-history.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path root;

    public HistoryStore(Path root) {
        this.root = root;
    }

    /** A record skipped by {@link #readAll}: its file and why. */
    public record Skipped(Path file, String reason) {
    }

    /** Records of {@link #readAll} in date order, and the corrupt ones skipped. */
    public record Contents(List<HistoryRecord> records, List<Skipped> skipped) {
    }

    /** Adds the run in {@code results} (a results directory or its summary.json) and returns the record's path. */
    public Path add(Path results, String commit, Instant date, String machine) {
        checkFormat(true);
        Path summaryFile = Files.isDirectory(results) ? results.resolve("summary.json") : results;
        if (!Files.isRegularFile(summaryFile)) {
            throw new BadInput(results + ": no summary.json (run 'ablate report " + results + "' first)");
        }
        JsonNode summary = RunSnapshot.readJson(summaryFile);
        String suite = summary.path("suite").path("name").asText("");
        if (commit == null || commit.isBlank()) {
            for (JsonNode p : summary.path("provenance")) {
                commit = p.path("gitCommit").asText(commit);
            }
        }
        if (commit == null || commit.isBlank()) {
            throw new BadInput(results + ": the run recorded no commit; give --commit SHA");
        }
        String name = STAMP.format(date) + "-" + safe(commit);
        Path dir = root.resolve("records").resolve(safe(suite)).resolve(safe(machine));
        Path file = dir.resolve(name + ".json");
        if (Files.exists(file)) {
            throw new BadInput(file + ": already recorded (the store is append-only)");
        }
        ObjectNode rec = ResultsStore.JSON.createObjectNode();
        rec.put("format", FORMAT);
        rec.put("suite", suite);
        rec.put("commit", commit);
        rec.put("date", DateTimeFormatter.ISO_INSTANT.format(date));
        rec.put("machine", machine);
        Path html = summaryFile.resolveSibling("index.html");
        if (Files.isRegularFile(html)) {
            copy(html, dir.resolve(name + ".html"));
            rec.put("report", root.relativize(dir.resolve(name + ".html")).toString().replace('\\', '/'));
        } else {
            rec.putNull("report");
        }
        rec.set("directions", summary.path("suite").path("metricDirections"));
        ObjectNode series = rec.putObject("series");
        for (JsonNode v : summary.path("variants")) {
            ObjectNode metrics = series.putObject(v.path("name").asText());
            v.path("metrics").fields().forEachRemaining(e -> {
                ObjectNode p = metrics.putObject(e.getKey());
                for (String k : List.of("n", "mean", "sd", "ciLow", "ciHigh")) {
                    p.set(k, e.getValue().path(k));
                }
            });
        }
        rec.put("failed", summary.path("failures").size());
        if (Files.isRegularFile(summaryFile.resolveSibling("suite.json"))) {
            seeds(rec, RunSnapshot.read(summaryFile.getParent()));
        }
        ResultsStore.writeAtomically(file, rec);
        return file;
    }

    /**
     * The per-seed values and trial outcomes of a results directory, so {@code ablate compare} can pair a new run
     * with this record as its base (a summary alone allows only Welch's unpaired test).
     */
    private static void seeds(ObjectNode rec, RunSnapshot run) {
        ObjectNode seeds = rec.putObject("seeds");
        run.metrics().forEach((v, byMetric) -> byMetric.forEach((m, sample) -> {
            ObjectNode s = child(seeds, v).putObject(m);
            sample.bySeed().forEach((seed, value) -> s.put(String.valueOf(seed), value));
        }));
        ObjectNode trials = rec.putObject("trials");
        run.trials().forEach((v, bySeed) -> new java.util.TreeMap<>(bySeed).forEach((seed, status) ->
                child(trials, v).put(String.valueOf(seed), status.label())));
        ObjectNode claims = rec.putObject("claims");
        run.claims().forEach(claims::put);
    }

    private static ObjectNode child(ObjectNode parent, String key) {
        return parent.get(key) instanceof ObjectNode o ? o : parent.putObject(key);
    }

    /**
     * The newest readable record of {@code suite} at a commit ({@code commit} may be a prefix of the recorded id, or
     * the recorded short id a prefix of it), on {@code machine} when given: a pull request's base from the store.
     */
    public java.util.Optional<HistoryRecord> find(String suite, String commit, String machine) {
        List<HistoryRecord> hits = readAll().records().stream().filter(r -> r.suite().equals(suite)
                && (machine == null || r.machine().equals(machine))
                && (r.commit().startsWith(commit) || commit.startsWith(r.commit()))).toList();
        return hits.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(hits.get(hits.size() - 1));
    }

    /** Every readable record, oldest first; a corrupt, truncated or newer record is skipped and said so. */
    public Contents readAll() {
        checkFormat(false);
        List<HistoryRecord> records = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Path dir = root.resolve("records");
        if (!Files.isDirectory(dir)) {
            return new Contents(records, skipped);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    records.add(read(f));
                } catch (BadInput e) {
                    skipped.add(new Skipped(f, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        // by instant, not by text: ISO-8601 text with and without fractional seconds does not sort as time does
        records.sort(Comparator.comparing((HistoryRecord r) -> Instant.parse(r.date())).thenComparing(HistoryRecord::commit));
        return new Contents(records, skipped);
    }

    static HistoryRecord read(Path f) {
        JsonNode n;
        try {
            n = ResultsStore.JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new BadInput("not valid JSON (truncated or corrupt?): " + firstLine(e.getMessage()));
        }
        if (n == null || !n.path("format").isInt()) {
            throw new BadInput("not a history record (no \"format\")");
        }
        if (n.path("format").asInt() > FORMAT) {
            throw new BadInput("written by a newer Ablate (record format " + n.path("format").asInt() + ", this one reads "
                    + FORMAT + ")");
        }
        for (String k : List.of("suite", "commit", "date", "machine")) {
            if (!n.path(k).isTextual()) {
                throw new BadInput("no \"" + k + "\"");
            }
        }
        try {
            Instant.parse(n.path("date").asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadInput("\"date\" is not an ISO-8601 instant: '" + n.path("date").asText() + "'");
        }
        if (!n.path("series").isObject()) {
            throw new BadInput("no \"series\"");
        }
        Map<String, String> directions = new LinkedHashMap<>();
        n.path("directions").fields().forEachRemaining(e -> directions.put(e.getKey(), e.getValue().asText()));
        Map<String, Map<String, HistoryRecord.Point>> series = new LinkedHashMap<>();
        n.path("series").fields().forEachRemaining(v -> v.getValue().fields().forEachRemaining(m -> {
            JsonNode p = m.getValue();
            if (p.path("mean").isNumber()) {
                series.computeIfAbsent(v.getKey(), k -> new LinkedHashMap<>()).put(m.getKey(), new HistoryRecord.Point(
                        p.path("n").asInt(), p.path("mean").asDouble(), num(p, "sd"), num(p, "ciLow"), num(p, "ciHigh")));
            }
        }));
        return new HistoryRecord(f, n.path("suite").asText(), n.path("commit").asText(), n.path("date").asText(),
                n.path("machine").asText(), n.path("report").isTextual() ? n.path("report").asText() : null,
                directions, series, n.path("failed").asInt());
    }

    /** A store marked with a newer format is refused whole: its layout may differ from what this code reads. */
    private void checkFormat(boolean create) {
        Path marker = root.resolve(MARKER);
        if (!Files.exists(marker)) {
            if (!create) {
                if (!Files.isDirectory(root)) {
                    throw new BadInput(root + ": no such history store");
                }
                return;
            }
            ObjectNode m = ResultsStore.JSON.createObjectNode();
            m.put("format", FORMAT);
            m.put("what", "Ablate history store: records/<suite>/<machine>/<date>-<commit>.json, append-only");
            ResultsStore.writeAtomically(marker, m);
            return;
        }
        int format;
        try {
            format = ResultsStore.JSON.readTree(marker.toFile()).path("format").asInt(-1);
        } catch (IOException e) {
            throw new BadInput(marker + ": not valid JSON (truncated or corrupt?)");
        }
        if (format < 1) {
            throw new BadInput(marker + ": no \"format\" version");
        }
        if (format > FORMAT) {
            throw new BadInput(marker + ": store format " + format + " is newer than this Ablate reads (" + FORMAT + ")");
        }
    }

    private static void copy(Path from, Path to) {
        try {
            AtomicFiles.write(to, Files.readAllBytes(from));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + ": " + e.getMessage(), e);
        }
    }

    /** One path segment from a name a user or CI chose: anything but letters, digits, '.', '_' and '-' becomes '_'. */
    static String safe(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]", "_");
        return t.isEmpty() || t.chars().allMatch(c -> c == '.') ? "_" : t;
    }

    private static double num(JsonNode p, String k) {
        return p.path(k).isNumber() ? p.path(k).asDouble() : Double.NaN;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
