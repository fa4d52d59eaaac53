package ablate.reports;

import ablate.results.AtomicFiles;
import ablate.results.Provenance;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;
import io.qameta.allure.AllureConstants;
import io.qameta.allure.internal.Allure2ModelJackson;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * An Allure results directory with one test result per trial: name {@code variant [seed N]}, parameters
 * (variant, seed, every slot and plugin parameter), status (diverged and timed-out trials are "broken",
 * with the cause in the status details), steps "train" and "evaluate" with their timings (evaluate lists the
 * trial's metrics and cost as parameters), the learning curves of all the variant's seeds as SVG and CSV
 * attachments that its trials share, and labels (suite, task, variant).
 * Also {@code environment.properties} from the provenance and {@code categories.json} that groups
 * failures by cause. {@code allure generate DIR} or the Allure Maven plugin renders it.
 */
public final class AllureResults {
    static final String DIVERGED_PREFIX = "diverged: ";
    static final String TIMED_OUT_PREFIX = "timed out: ";
    /**
     * Threads writing files: creating a file waits on the file system's journal far more than on the CPU, and
     * concurrent creations overlap those waits, so this exceeds the core count.
     */
    static final int FILE_WRITERS = 8;

    private AllureResults() {
    }

    /**
     * Replaces the Allure files in {@code dir} (created if needed) with those of the analysis' trials. File names
     * derive from the trial ids, so a rewrite replaces the earlier files under the same names and then removes
     * only those it no longer writes. Each file is written through {@link AtomicFiles} (a temporary file renamed
     * over the old one): a reader or a full disk never sees half a file, at the price of a file creation per
     * write, which on ext4 without a journal scans past the inodes deleted in the last half minute.
     */
    public static Path write(Analysis analysis, Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> earlier = allureFiles(dir);
            Output writer = new Output(dir);
            ExecutorService pool = Executors.newFixedThreadPool(FILE_WRITERS, r -> {
                Thread t = new Thread(r, "allure-writer");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> tasks = new ArrayList<>();
                for (VariantAnalysis v : analysis.variants()) {
                    tasks.add(pool.submit(() -> {
                        VariantAttachments shared = VariantAttachments.write(analysis.suite(), v, writer);
                        v.trials().forEach(t -> writer.write(testResult(analysis.suite(), t, v.definition(), shared)));
                    }));
                }
                tasks.forEach(ReportWriter::join);
            } finally {
                pool.shutdownNow();
            }
            writer.write("environment.properties", environment(analysis).getBytes(StandardCharsets.ISO_8859_1));
            writer.write("categories.json", CATEGORIES.getBytes(StandardCharsets.UTF_8));
            for (Path f : earlier) {
                if (!writer.written.contains(f.getFileName().toString())) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Allure results to " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    /**
     * The attachments every trial of a variant shares, written once per variant rather than once per trial (a
     * file costs far more than its bytes): the learning curves of all its seeds as an SVG chart and a CSV; none
     * when no trial recorded a curve.
     */
    record VariantAttachments(Attachment curvesSvg, Attachment curvesCsv) {
        static VariantAttachments write(SuiteInfo suite, VariantAnalysis v, Output writer) {
            String key = suite.name() + "/" + v.name();
            List<TrialResult> withCurves = v.trials().stream()
                    .filter(t -> t.curves() != null && !t.curves().isEmpty()).toList();
            Attachment svg = null;
            Attachment csv = null;
            if (!withCurves.isEmpty()) {
                Map<String, CurveAxis> axes = axes(withCurves);
                svg = writer.attach(key, "learning curves (all seeds)", "image/svg+xml", ".svg",
                        LineChartSvg.render(withCurves.stream().map(t -> new LineChartSvg.Series("seed " + t.seed()
                                + (t.status() == Status.PASSED ? "" : " (" + t.status().label() + ")"), t.curves())).toList(),
                                axes));
                csv = writer.attach(key, "learning curves (all seeds, CSV)", "text/csv", ".csv", csv(withCurves, axes));
            }
            return new VariantAttachments(svg, csv);
        }
    }

    static TestResult testResult(SuiteInfo suite, TrialResult trial, SuiteInfo.Variant definition,
                                 VariantAttachments shared) {
        String uuid = UUID.nameUUIDFromBytes(("ablate-trial:" + trial.id()).getBytes(StandardCharsets.UTF_8)).toString();
        long start = epochMillis(trial.startedAt());
        long stop = start + Math.max(0, Math.round(trial.wallSeconds() * 1000));
        long trainStop = Math.min(stop, start + Math.max(0, Math.round(trial.cost() == null ? 0 : trial.cost().trainSeconds() * 1000)));

        TestResult r = new TestResult()
                .setUuid(uuid)
                .setHistoryId(ResultsUtils.md5(suite.name() + "/" + trial.variant() + "/" + trial.seed()))
                .setTestCaseId(ResultsUtils.md5(suite.name() + "/" + trial.variant()))
                .setName(trial.variant() + " [seed " + trial.seed() + "]")
                .setFullName(suite.name() + "." + trial.variant() + "[seed=" + trial.seed() + "]")
                .setStage(Stage.FINISHED)
                .setStart(start)
                .setStop(stop)
                .setStatus(status(trial.status()))
                .setLabels(labels(suite, trial))
                .setParameters(parameters(trial, definition));
        if (definition != null && definition.slots() != null && !definition.slots().isEmpty()) {
            r.setDescription(Describe.slots(definition.slots()));
        }
        if (trial.status() != Status.PASSED) {
            r.setStatusDetails(details(trial));
        }

        boolean trainFailed = trial.status() == Status.DIVERGED
                || (trial.status() != Status.PASSED && (trial.cost() == null || trial.cost().trainSeconds() <= 0));
        StepResult train = step("train", start, trainStop);
        StepResult evaluate = step("evaluate", trainStop, stop);
        if (trial.curves() != null && !trial.curves().isEmpty()) {
            int epochs = trial.curves().values().stream().mapToInt(List::size).max().orElse(0);
            train.getParameters().add(parameter("epochs", String.valueOf(epochs)));
            train.getAttachments().add(shared.curvesSvg());
            train.getAttachments().add(shared.curvesCsv());
        }
        if (trial.status() == Status.PASSED) {
            train.setStatus(io.qameta.allure.model.Status.PASSED);
            evaluate.setStatus(io.qameta.allure.model.Status.PASSED);
        } else if (trainFailed) {
            train.setStatus(r.getStatus()).setStatusDetails(details(trial));
            evaluate.setStatus(io.qameta.allure.model.Status.SKIPPED);
        } else {
            train.setStatus(io.qameta.allure.model.Status.PASSED);
            evaluate.setStatus(r.getStatus()).setStatusDetails(details(trial));
        }
        if (trial.metrics() != null) {
            trial.metrics().forEach((name, value) -> evaluate.getParameters().add(parameter(name, String.valueOf(value))));
        }
        if (trial.cost() != null) {
            Analysis.COST_METRICS.forEach((name, f) -> {
                double v = f.applyAsDouble(trial.cost());
                if (!Double.isNaN(v)) {
                    evaluate.getParameters().add(parameter("cost." + name, plain(v)));
                }
            });
        }
        r.setSteps(new ArrayList<>(List.of(train, evaluate)));
        return r;
    }

    private static io.qameta.allure.model.Status status(Status s) {
        return switch (s) {
            case PASSED -> io.qameta.allure.model.Status.PASSED;
            case FAILED -> io.qameta.allure.model.Status.FAILED;
            case DIVERGED, TIMED_OUT -> io.qameta.allure.model.Status.BROKEN;
        };
    }

    private static StatusDetails details(TrialResult trial) {
        String error = trial.error() == null ? "(no message recorded)" : trial.error();
        String message = switch (trial.status()) {
            case DIVERGED -> DIVERGED_PREFIX + error;
            case TIMED_OUT -> TIMED_OUT_PREFIX + error;
            default -> error;
        };
        return new StatusDetails().setMessage(message);
    }

    private static List<Label> labels(SuiteInfo suite, TrialResult trial) {
        List<Label> labels = new ArrayList<>();
        labels.add(ResultsUtils.createSuiteLabel(suite.name()));
        labels.add(ResultsUtils.createParentSuiteLabel(suite.task()));
        labels.add(ResultsUtils.createSubSuiteLabel(trial.variant()));
        labels.add(ResultsUtils.createLabel("task", suite.task()));
        labels.add(ResultsUtils.createFeatureLabel(suite.task()));
        labels.add(ResultsUtils.createStoryLabel(trial.variant()));
        labels.add(ResultsUtils.createFrameworkLabel("ablate"));
        labels.add(ResultsUtils.createLanguageLabel("java"));
        if (trial.variant().equals(suite.baseline())) {
            labels.add(ResultsUtils.createTagLabel("baseline"));
        }
        return labels;
    }

    private static List<Parameter> parameters(TrialResult trial, SuiteInfo.Variant definition) {
        List<Parameter> params = new ArrayList<>();
        params.add(parameter("variant", trial.variant()));
        params.add(parameter("seed", String.valueOf(trial.seed())));
        if (definition != null && definition.slots() != null) {
            Describe.leaves("", definition.slots(), (k, v) -> params.add(parameter(k, v)));
        }
        return params;
    }

    private static Parameter parameter(String name, String value) {
        return new Parameter().setName(name).setValue(value);
    }

    private static StepResult step(String name, long start, long stop) {
        return new StepResult().setName(name).setStage(Stage.FINISHED).setStart(start).setStop(stop)
                .setAttachments(new ArrayList<>()).setSteps(new ArrayList<>()).setParameters(new ArrayList<>());
    }

    /** The Allure directory being written: what is written there, by name, to tell what an earlier write left. */
    static final class Output {
        private static final io.qameta.allure.internal.shadowed.jackson.databind.ObjectMapper MAPPER =
                Allure2ModelJackson.createMapper();
        private final Path dir;
        private final Set<String> written = ConcurrentHashMap.newKeySet();

        Output(Path dir) {
            this.dir = dir;
        }

        void write(TestResult result) {
            // Allure's own FileSystemResultsWriter writes in place (half a file after a kill or on a full disk):
            // serialise with its mapper, so the JSON is the same, and write through AtomicFiles.
            String name = result.getUuid() + AllureConstants.TEST_RESULT_FILE_SUFFIX;
            try {
                write(name, MAPPER.writeValueAsBytes(result));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
            }
        }

        /** Writes an attachment whose file name derives from {@code key} and {@code name}, the same on every write. */
        Attachment attach(String key, String name, String type, String ext, String body) {
            String source = UUID.nameUUIDFromBytes(("ablate-attachment:" + key + "/" + name).getBytes(StandardCharsets.UTF_8))
                    + AllureConstants.ATTACHMENT_FILE_SUFFIX + ext;
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            write(source, bytes);
            return new Attachment().setName(name).setType(type).setSource(source).setSize((long) bytes.length);
        }

        void write(String file, byte[] bytes) {
            AtomicFiles.write(dir.resolve(file), bytes);
            written.add(file);
        }
    }

    /** The axes the trials declare for their curves, by curve name; curves against epochs are left out. */
    static Map<String, CurveAxis> axes(List<TrialResult> trials) {
        Map<String, CurveAxis> axes = new LinkedHashMap<>();
        trials.forEach(t -> t.curves().keySet().forEach(name -> axes.computeIfAbsent(name, k -> CurveAxis.of(k, trials))));
        axes.values().removeIf(a -> !a.declared());
        return axes;
    }

    /**
     * One row per trial and point: {@code epoch,seed,<curve>...} (the first column is {@code point} when some
     * curve has a declared axis, and such a curve's column follows one with its x values, headed
     * {@code <curve>: <axis label>}), empty where a trial has no value.
     */
    static String csv(List<TrialResult> trials, Map<String, CurveAxis> axes) {
        Set<String> names = new LinkedHashSet<>();
        trials.forEach(t -> names.addAll(t.curves().keySet()));
        StringBuilder b = new StringBuilder(axes.isEmpty() ? "epoch,seed" : "point,seed");
        for (String k : names) {
            if (axes.containsKey(k)) {
                b.append(',').append(csvField(k + ": " + axes.get(k).label()));
            }
            b.append(',').append(csvField(k));
        }
        b.append('\n');
        for (TrialResult t : trials) {
            int points = t.curves().values().stream().mapToInt(List::size).max().orElse(0);
            for (int e = 0; e < points; e++) {
                b.append(e + 1).append(',').append(t.seed());
                for (String name : names) {
                    List<Double> c = t.curves().get(name);
                    CurveAxis axis = axes.get(name);
                    boolean has = c != null && e < c.size();
                    if (axis != null) {
                        b.append(',');
                        if (has) {
                            b.append(plain(axis.x(e)));
                        }
                    }
                    b.append(',');
                    if (has && c.get(e) != null) {
                        b.append(c.get(e));
                    }
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** A number as written in a file: whole numbers without a decimal point. */
    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static long epochMillis(String iso) {
        if (iso != null) {
            try {
                return Instant.from(DateTimeFormatter.ISO_DATE_TIME.parse(iso)).toEpochMilli();
            } catch (RuntimeException ignored) {
                // fall through: an unreadable start time only shifts the timeline
            }
        }
        return 0;
    }

    /** Allure's environment widget: each provenance field, with the distinct values seen joined by {@code ; }. */
    static String environment(Analysis a) {
        Map<String, Set<String>> env = new LinkedHashMap<>();
        env.computeIfAbsent("suite", k -> new LinkedHashSet<>()).add(String.valueOf(a.suite().name()));
        env.computeIfAbsent("task", k -> new LinkedHashSet<>()).add(String.valueOf(a.suite().task()));
        for (Provenance p : a.provenance()) {
            add(env, "ablate.version", p.ablateVersion());
            add(env, "git.commit", p.gitCommit());
            add(env, "java.version", p.javaVersion());
            add(env, "engine", p.engine() == null ? null : p.engineDescription());
            add(env, "djl.version", p.djlVersion());
            add(env, "device", p.device());
            add(env, "cpu", p.cpuModel());
            add(env, "os", p.os());
            add(env, "data", p.dataSource());
        }
        java.util.Properties props = new java.util.Properties();
        env.forEach((k, v) -> props.setProperty(k, String.join("; ", v)));
        try {
            java.io.StringWriter w = new java.io.StringWriter();
            props.store(w, null);
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(Map<String, Set<String>> env, String key, String value) {
        if (value != null && !value.isBlank()) {
            env.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(value);
        }
    }

    /**
     * The Allure files in {@code dir}: result, container and attachment files, environment and categories, and
     * temporary files a killed write left (never rewritten, so removed).
     */
    private static List<Path> allureFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return Files.isRegularFile(f) && (AtomicFiles.isTemporary(n) || n.endsWith(AllureConstants.TEST_RESULT_FILE_SUFFIX)
                        || n.endsWith(AllureConstants.TEST_RESULT_CONTAINER_FILE_SUFFIX)
                        || n.contains(AllureConstants.ATTACHMENT_FILE_SUFFIX) || n.equals("environment.properties")
                        || n.equals("categories.json"));
            }).toList();
        }
    }

    private static final String CATEGORIES = """
            [
              {"name": "Diverged (non-finite loss)", "matchedStatuses": ["broken"], "messageRegex": "(?s)diverged: .*"},
              {"name": "Timed out", "matchedStatuses": ["broken"], "messageRegex": "(?s)timed out: .*"},
              {"name": "Failed trials", "matchedStatuses": ["failed"]}
            ]
            """;
}
