package ablate.reports;

import ablate.results.AtomicFiles;
import ablate.results.SuiteInfo;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The self-contained HTML report: one {@code index.html} with inline CSS and SVG, no script and no
 * network access (a Content-Security-Policy forbids any). Rendered by Pebble with HTML auto-escaping, so
 * every string from the suite or the trials is escaped; only the SVG charts Java draws are inserted raw.
 */
public final class HtmlReport {
    private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
            .loader(classpathLoader())
            .autoEscaping(true)
            .strictVariables(true)
            .build();

    private HtmlReport() {
    }

    /** Writes {@code index.html} into {@code outDir} and returns its path. */
    public static Path write(Analysis analysis, Path outDir) {
        Path file = outDir.resolve(ReportWriter.HTML);
        // Atomically: a browser open on the report, or a full disk, never sees a half (or 0-byte) index.html.
        AtomicFiles.write(file, out -> {
            Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
            render(analysis, w);
            w.flush();
        });
        return file;
    }

    /** The report as a string. */
    public static String render(Analysis analysis) {
        StringWriter w = new StringWriter();
        try {
            render(analysis, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void render(Analysis analysis, Writer out) throws IOException {
        PebbleTemplate template = ENGINE.getTemplate("index.peb");
        template.evaluate(out, model(analysis));
    }

    private static ClasspathLoader classpathLoader() {
        ClasspathLoader loader = new ClasspathLoader(HtmlReport.class.getClassLoader());
        loader.setPrefix("ablate/reports");
        return loader;
    }

    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template's model: the header's entries, then each section's (see {@link ReportSection}). */
    private static Map<String, Object> model(Analysis a) {
        ReportSection shared = new ReportSection(a);
        Map<String, Object> m = new LinkedHashMap<>();
        SuiteInfo s = a.suite();
        String primary = a.primaryMetric();
        m.put("css", resource("report.css"));
        m.put("suiteName", nz(s.name()));
        m.put("description", nz(s.description()));
        m.put("suiteFile", nz(s.file()));
        m.put("task", nz(s.task()));
        m.put("dataset", Describe.dataset(s.dataset()));
        m.put("budget", Describe.map(s.budget()));
        m.put("seeds", s.seeds() == null ? 0 : s.seeds().size());
        m.put("seedList", s.seeds() == null ? "" : s.seeds().toString());
        m.put("generatedAt", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .format(Instant.now().atOffset(ZoneOffset.UTC)));
        m.put("primary", nz(primary));
        m.put("primaryDirection", a.lowerIsBetter(primary) ? "lower is better" : "higher is better");
        m.put("undeclared", a.undeclaredMetrics().isEmpty() ? "" : "The task declares no direction for "
                + ReportSection.someNames(a.undeclaredMetrics(), ", ") + ", so no difference in it is coloured better or worse.");
        m.put("baseline", nz(s.baseline()));
        m.put("theBaseline", shared.theBaseline());
        new SummarySection(shared).put(m);
        new ClaimsSection(shared).put(m);
        new CostSection(shared).put(m);
        new CurvesSection(shared).put(m);
        new ConfusionSection(shared).put(m);
        new PrecisionRecallSection(shared).put(m);
        new ExamplesSection(shared).put(m);
        m.put("segmentation", ablate.reports.sections.SegmentationSection.html(a));
        m.put("superResolution", ablate.reports.sections.SuperResolutionSection.html(a));
        m.put("fineTuning", ablate.reports.sections.FineTuningSection.html(a));
        m.put("perClass", ablate.reports.sections.PerClassRecallSection.html(a));
        new FailuresSection(shared).put(m);
        new ProvenanceSection(shared).put(m);
        return m;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
