package ablate.reports;

import ablate.metrics.stats.Summary;
import ablate.results.Provenance;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

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
        try {
            Files.createDirectories(outDir);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                render(analysis, w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
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
        template.evaluate(out, new Model(analysis).build());
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

    /** Builds the template's model: maps of preformatted strings, so the template holds no logic beyond loops. */
    private static final class Model {
        /** Example images shown per variant. */
        private static final int EXAMPLES_SHOWN = 4;
        /** Names listed in a sentence or tooltip before "and N more" (summary.json lists all). */
        private static final int NAMES_SHOWN = 10;
        private final Analysis a;
        private final String primary;
        private final Map<String, Integer> colorIndex = new LinkedHashMap<>();
        /** The variants the charts draw in colour: all of them when the palette has room for each, else a few. */
        private final Set<String> charted = new LinkedHashSet<>();

        Model(Analysis analysis) {
            this.a = analysis;
            this.primary = analysis.primaryMetric();
            List<VariantAnalysis> variants = analysis.variants();
            if (variants.size() <= Charts.PALETTE_SIZE) {
                variants.forEach(v -> charted.add(v.name()));
            } else {
                // A chart stays readable with a handful of colours: the baseline and the best by the primary
                // metric get one each (in suite order); every other variant shares the palette's grey.
                analysis.baseline().ifPresent(b -> charted.add(b.name()));
                for (RankEntry r : analysis.ranking()) {
                    if (charted.size() >= Charts.OTHERS_COLOR) {
                        break;
                    }
                    charted.add(r.variant());
                }
            }
            int next = 0;
            for (VariantAnalysis v : variants) {
                colorIndex.put(v.name(), charted.contains(v.name()) ? next++ : Charts.OTHERS_COLOR);
            }
        }

        /** Says which variants the charts colour, when not all of them; empty otherwise. */
        private String chartedNote() {
            int others = a.variants().size() - charted.size();
            if (others == 0) {
                return "";
            }
            boolean withBaseline = a.baseline().isPresent() && charted.contains(a.suite().baseline());
            int best = charted.size() - (withBaseline ? 1 : 0);
            return "With " + a.variants().size() + " variants, the charts colour " + (withBaseline ? "the baseline and " : "")
                    + "the " + best + " best by " + primary + "; the other " + others + " are grey.";
        }

        Map<String, Object> build() {
            Map<String, Object> m = new LinkedHashMap<>();
            SuiteInfo s = a.suite();
            m.put("css", resource("report.css"));
            m.put("suiteName", nz(s.name()));
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
            m.put("baseline", nz(s.baseline()));
            m.put("theBaseline", theBaseline());
            m.put("counts", counts());
            m.put("verdicts", verdictCounts());
            m.put("best", best());
            m.put("headline", headline());
            m.put("overlapNote", overlapNote());
            m.put("rows", summaryRows());
            m.put("metricNames", a.metrics());
            m.put("metricRows", metricRows());
            m.put("claims", claims());
            m.put("costRows", costRows());
            m.put("costCharts", costCharts());
            m.put("curveCharts", curveCharts());
            m.put("chartedNote", chartedNote());
            m.put("curveNames", curveNames());
            m.put("uncharted", unchartedCurves());
            m.put("confusion", confusion());
            m.put("precisionRecall", precisionRecall());
            m.put("examples", examples());
            m.put("segmentation", ablate.reports.sections.SegmentationSection.html(a));
            m.put("failures", failures());
            m.put("provenance", provenance());
            return m;
        }

        private Map<String, Object> counts() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("total", a.trials().size());
            c.put("passed", a.count(Status.PASSED));
            c.put("failed", a.count(Status.FAILED));
            c.put("diverged", a.count(Status.DIVERGED));
            c.put("timedOut", a.count(Status.TIMED_OUT));
            return c;
        }

        private Map<String, Object> verdictCounts() {
            Map<String, Object> c = new LinkedHashMap<>();
            for (ClaimVerdict.Verdict v : ClaimVerdict.Verdict.values()) {
                c.put(v.label(), a.claims().stream().filter(x -> x.verdict() == v).count());
            }
            c.put("total", a.claims().size());
            return c;
        }

        private Map<String, Object> best() {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("present", !a.ranking().isEmpty());
            b.put("name", "");
            b.put("value", "");
            b.put("note", a.count(Status.PASSED) == 0 ? "no trial passed, so nothing is ranked"
                    : "no passed trial recorded " + primary + ", so nothing is ranked");
            b.put("separated", false);
            b.put("color", "");
            if (!a.ranking().isEmpty()) {
                RankEntry top = a.ranking().get(0);
                b.put("name", top.variant());
                b.put("color", color(top.variant()));
                b.put("value", meanCi(top.summary()));
                b.put("separated", top.separated());
                b.put("note", top.separated()
                        ? "its 95% CI overlaps no other variant's"
                        : "not significantly better than " + someNames(top.overlapsWith(), ", ")
                        + " (95% CIs overlap)");
            }
            return b;
        }

        /** {@code the baseline} followed by its name, unless it is named "baseline" (the harness' name for it). */
        private String theBaseline() {
            String name = nz(a.suite().baseline());
            return name.isEmpty() || name.equals("baseline") ? "the baseline" : "the baseline " + name;
        }

        /** One sentence: how many variants beat, trail or match the baseline on the primary metric. */
        private String headline() {
            if (a.ranking().isEmpty() && a.count(Status.PASSED) > 0) {
                return "No passed trial recorded the primary metric " + primary + "; the metrics recorded are "
                        + String.join(", ", a.metrics().subList(1, a.metrics().size())) + ".";
            }
            Optional<VariantAnalysis> base = a.baseline();
            if (base.isEmpty() || base.get().metric(primary) == null) {
                return "T" + theBaseline().substring(1) + " has no passed trial with " + primary
                        + ", so no variant is compared with it.";
            }
            int better = 0;
            int worse = 0;
            int same = 0;
            for (VariantAnalysis v : a.variants()) {
                MetricStats st = v.metric(primary);
                Comparison c = st == null ? null : st.vsBaseline();
                if (c == null || c.pairs() == 0) {
                    continue;
                }
                boolean up = a.lowerIsBetter(primary) ? c.difference().mean() < 0 : c.difference().mean() > 0;
                if (c.significant() && up) {
                    better++;
                } else if (c.significant()) {
                    worse++;
                } else {
                    same++;
                }
            }
            int compared = better + worse + same;
            if (compared == 0) {
                return "No variant shares a passed seed with " + theBaseline() + ".";
            }
            return "On " + primary + ", " + better + " of " + compared + (compared == 1 ? " variant" : " variants")
                    + " beat " + theBaseline() + " significantly, " + worse + " did worse and "
                    + same + " showed no significant difference (paired t-test, Holm-adjusted, α = 0.05).";
        }

        /** Groups of ranked variants linked by overlapping 95% CIs, e.g. {@code se ≈ cbam ≈ none}. */
        private String overlapNote() {
            List<RankEntry> ranking = a.ranking();
            Map<String, Integer> group = new LinkedHashMap<>();
            for (RankEntry r : ranking) {
                if (group.containsKey(r.variant()) || r.overlapsWith().isEmpty()) {
                    continue;
                }
                int id = group.size();
                List<String> stack = new ArrayList<>(List.of(r.variant()));
                while (!stack.isEmpty()) {
                    String name = stack.remove(stack.size() - 1);
                    if (group.putIfAbsent(name, id) == null) {
                        ranking.stream().filter(x -> x.variant().equals(name)).findFirst()
                                .ifPresent(x -> stack.addAll(x.overlapsWith()));
                    }
                }
            }
            List<String> groups = new ArrayList<>();
            for (int id : group.values().stream().distinct().toList()) {
                groups.add(someNames(ranking.stream().map(RankEntry::variant)
                        .filter(n -> group.get(n) != null && group.get(n) == id).toList(), " ≈ "));
            }
            return groups.isEmpty() ? "" : String.join("; ", groups)
                    + (groups.size() == 1 ? ": their" : ": within each group the") + " 95% CIs overlap, so the order is not significant.";
        }

        private List<Map<String, Object>> summaryRows() {
            Map<String, RankEntry> ranks = new LinkedHashMap<>();
            a.ranking().forEach(r -> ranks.put(r.variant(), r));
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (RankEntry r : a.ranking()) {
                lo = Math.min(lo, r.summary().ciLow());
                hi = Math.max(hi, r.summary().ciHigh());
            }
            double span = hi > lo ? hi - lo : 1;
            double pad = span * 0.06;
            List<Map<String, Object>> rows = new ArrayList<>();
            List<VariantAnalysis> ordered = new ArrayList<>();
            a.ranking().forEach(r -> a.variant(r.variant()).ifPresent(ordered::add));
            a.variants().stream().filter(v -> !ranks.containsKey(v.name())).forEach(ordered::add);
            for (VariantAnalysis v : ordered) {
                Map<String, Object> row = variantCells(v);
                RankEntry r = ranks.get(v.name());
                MetricStats st = v.metric(primary);
                row.put("rank", r == null ? Format.NONE : String.valueOf(r.rank()));
                row.put("overlaps", r == null ? "" : someNames(r.overlapsWith(), ", "));
                row.put("n", st == null ? "0" : String.valueOf(st.summary().n()));
                row.put("mean", st == null ? Format.NONE : meanCi(st.summary()));
                row.put("ci", st == null ? "" : Format.num(st.summary().ciLow()) + " – " + Format.num(st.summary().ciHigh()));
                boolean bar = st != null && Double.isFinite(st.summary().ciLow());
                double l = lo - pad;
                double w = span + 2 * pad;
                row.put("bar", bar);
                row.put("barLeft", bar ? pct((st.summary().ciLow() - l) / w) : "0");
                row.put("barWidth", bar ? pct((st.summary().ciHigh() - st.summary().ciLow()) / w) : "0");
                row.put("barMean", bar ? pct((st.summary().mean() - l) / w) : "0");
                comparisonCells(row, primary, st == null ? null : st.vsBaseline(), v.baseline());
                row.put("failedCount", v.failedCount());
                rows.add(row);
            }
            return rows;
        }

        private List<Map<String, Object>> metricRows() {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (VariantAnalysis v : a.variants()) {
                Map<String, Object> row = variantCells(v);
                List<Map<String, Object>> cells = new ArrayList<>();
                for (String metric : a.metrics()) {
                    MetricStats st = v.metric(metric);
                    Map<String, Object> cell = new LinkedHashMap<>();
                    cell.put("value", st == null ? Format.NONE : meanCi(st.summary()));
                    comparisonCells(cell, metric, st == null ? null : st.vsBaseline(), v.baseline());
                    cells.add(cell);
                }
                row.put("cells", cells);
                rows.add(row);
            }
            return rows;
        }

        private Map<String, Object> variantCells(VariantAnalysis v) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", v.name());
            row.put("color", color(v.name()));
            row.put("isBaseline", v.baseline());
            row.put("slots", Describe.slots(v.definition().slots()));
            return row;
        }

        /** Δ, p-values, mark and a tone ({@code better}, {@code worse}, {@code neutral}) for a comparison cell. */
        private void comparisonCells(Map<String, Object> row, String metric, Comparison c, boolean isBaseline) {
            row.put("delta", isBaseline ? "baseline" : Format.NONE);
            row.put("deltaCi", "");
            row.put("p", Format.NONE);
            row.put("pW", Format.NONE);
            row.put("pairs", "");
            row.put("mark", "");
            row.put("tone", "neutral");
            if (c == null || c.pairs() == 0) {
                return;
            }
            Summary d = c.difference();
            row.put("delta", Format.signed(d.mean()));
            row.put("deltaCi", c.pairs() > 1 ? "[" + Format.signed(d.ciLow()) + ", " + Format.signed(d.ciHigh()) + "]" : "");
            row.put("p", Format.p(c.pHolm()));
            row.put("pW", Format.p(c.pHolmWilcoxon()));
            row.put("pairs", String.valueOf(c.pairs()));
            row.put("mark", c.mark());
            if (c.significant()) {
                boolean better = a.lowerIsBetter(metric) ? d.mean() < 0 : d.mean() > 0;
                row.put("tone", better ? "better" : "worse");
            }
        }

        private List<Map<String, Object>> claims() {
            List<Map<String, Object>> list = new ArrayList<>();
            for (ClaimVerdict v : a.claims()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("variant", v.variant());
                c.put("color", color(v.variant()));
                c.put("plugin", nz(v.claim().pluginId()));
                c.put("metric", nz(v.claim().metric()));
                c.put("direction", "LOWER".equalsIgnoreCase(v.claim().direction()) ? "lowers" : "raises");
                c.put("text", nz(v.claim().text()));
                c.put("verdict", v.verdict().label());
                c.put("reason", v.reason());
                list.add(c);
            }
            return list;
        }

        private List<Map<String, Object>> costRows() {
            var paramsFront = a.paretoFront(c -> c.totalParams());
            var latencyFront = a.paretoFront(c -> c.latencyMedianMs().mean());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (VariantAnalysis v : a.variants()) {
                Map<String, Object> row = variantCells(v);
                CostSummary c = v.cost();
                row.put("present", c != null);
                row.put("trainable", c == null ? Format.NONE : Format.count(c.trainableParams()));
                row.put("total", c == null ? Format.NONE : Format.count(c.totalParams()));
                row.put("macs", c == null ? Format.NONE : Format.count(c.macsPerSample()));
                row.put("latency", c == null ? Format.NONE : Format.millis(c.latencyMedianMs().mean()));
                row.put("p95", c == null ? Format.NONE : Format.millis(c.latencyP95Ms().mean()));
                row.put("train", c == null ? Format.NONE : Format.seconds(c.trainSeconds().mean()));
                row.put("memory", c == null ? Format.NONE : Format.bytes(c.peakMemoryBytes()));
                row.put("frontParams", paramsFront.contains(v.name()));
                row.put("frontLatency", latencyFront.contains(v.name()));
                rows.add(row);
            }
            return rows;
        }

        private List<Map<String, Object>> costCharts() {
            List<Map<String, Object>> charts = new ArrayList<>();
            addScatter(charts, "chart-params", "total parameters", "parameters (total)",
                    c -> c.totalParams(), Charts.tickFormat(Format::count));
            addScatter(charts, "chart-latency", "inference latency (median, ms)", "latency",
                    c -> c.latencyMedianMs().mean(), Charts.tickFormat(Format::tick));
            return charts;
        }

        private void addScatter(List<Map<String, Object>> charts, String id, String axis, String title,
                                ToDoubleFunction<CostSummary> cost, java.text.NumberFormat format) {
            List<Pareto.Point> points = a.costPoints(cost);
            if (points.isEmpty()) {
                return;
            }
            List<Charts.ScatterPoint> scatter = new ArrayList<>();
            List<Charts.ScatterPoint> others = new ArrayList<>();
            for (Pareto.Point p : points) {
                Summary s = a.variant(p.name()).orElseThrow().metric(primary).summary();
                (charted.contains(p.name()) ? scatter : others).add(new Charts.ScatterPoint(p.name(),
                        colorIndex.get(p.name()), p.cost(), s.mean(), s.ciLow(), s.ciHigh()));
            }
            List<Pareto.Point> front = Pareto.front(points, a.lowerIsBetter(primary));
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put("title", primary + " vs " + title);
            chart.put("svg", Charts.scatter(id, axis, format, primary, scatter, others, front));
            chart.put("front", String.join(" → ", front.stream().map(Pareto.Point::name).toList()));
            charts.add(chart);
        }

        private List<Map<String, Object>> curveCharts() {
            Map<String, List<VariantAnalysis>> byCurve = new LinkedHashMap<>();
            for (VariantAnalysis v : a.variants()) {
                if (charted.contains(v.name())) {
                    v.curves().keySet().forEach(c -> byCurve.computeIfAbsent(c, k -> new ArrayList<>()).add(v));
                }
            }
            List<Map<String, Object>> charts = new ArrayList<>();
            int i = 0;
            for (var e : byCurve.entrySet()) {
                List<VariantAnalysis> vs = e.getValue();
                Map<String, Object> chart = new LinkedHashMap<>();
                chart.put("title", e.getKey());
                chart.put("svg", Charts.curves("chart-curve-" + i++, e.getKey().replaceFirst(" vs .*$", ""), // y: the figure
                        vs.stream().map(VariantAnalysis::name).toList(),
                        vs.stream().map(v -> colorIndex.get(v.name())).toList(),
                        vs.stream().map(v -> v.curves().get(e.getKey())).toList(),
                        CurveAxis.of(e.getKey(), vs.stream().flatMap(v -> v.passed().stream()).toList())));
                charts.add(chart);
            }
            return charts;
        }

        private List<String> curveNames() {
            Set<String> names = new LinkedHashSet<>();
            a.variants().forEach(v -> names.addAll(v.curves().keySet()));
            return List.copyOf(names);
        }

        /** The variants the curve charts leave out, with each curve's value at its last point (epoch). */
        private List<Map<String, Object>> unchartedCurves() {
            List<String> names = curveNames();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (VariantAnalysis v : a.variants()) {
                if (charted.contains(v.name()) || v.curves().isEmpty()) {
                    continue;
                }
                Map<String, Object> row = variantCells(v);
                List<String> last = new ArrayList<>();
                for (String curve : names) {
                    List<Double> values = v.curves().getOrDefault(curve, List.of());
                    last.add(values.isEmpty() ? Format.NONE : Format.num(values.get(values.size() - 1)));
                }
                row.put("last", last);
                rows.add(row);
            }
            return rows;
        }

        private Map<String, Object> confusion() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("present", false);
            // the section is for tasks that record matrices (classification), not for every report
            m.put("recorded", a.trials().stream().anyMatch(t -> t.artifacts() != null
                    && t.artifacts().containsKey(ConfusionMatrix.ARTIFACT)));
            Optional<VariantAnalysis> best = a.best();
            if (best.isEmpty()) {
                return m;
            }
            Optional<ConfusionMatrix> cm = ConfusionMatrix.summed(best.get().passed());
            if (cm.isEmpty()) {
                return m;
            }
            ConfusionMatrix c = cm.get();
            m.put("present", true);
            m.put("variant", best.get().name());
            m.put("seeds", c.trials());
            m.put("classes", c.classNames());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < c.size(); i++) {
                long total = c.rowTotal(i);
                List<Map<String, Object>> cells = new ArrayList<>();
                for (int j = 0; j < c.size(); j++) {
                    double share = total == 0 ? 0 : (double) c.count(i, j) / total;
                    Map<String, Object> cell = new LinkedHashMap<>();
                    cell.put("count", Format.count(c.count(i, j)));
                    cell.put("alpha", String.format(java.util.Locale.ROOT, "%.3f", share));
                    cell.put("dark", share > 0.5);
                    cell.put("diagonal", i == j);
                    cell.put("title", "true " + c.classNames().get(i) + ", predicted " + c.classNames().get(j)
                            + ": " + c.count(i, j) + " (" + pct(share) + "% of the row)");
                    cells.add(cell);
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", c.classNames().get(i));
                row.put("cells", cells);
                row.put("recall", total == 0 ? Format.NONE : pct((double) c.count(i, i) / total) + "%");
                rows.add(row);
            }
            m.put("rows", rows);
            return m;
        }

        /** The baseline, then the best variant by the primary metric when it is another: the variants the artifact sections show. */
        private List<VariantAnalysis> baselineAndBest() {
            List<VariantAnalysis> shown = new ArrayList<>();
            a.baseline().ifPresent(shown::add);
            a.best().filter(b -> !shown.contains(b)).ifPresent(shown::add);
            return shown;
        }

        /**
         * By variant name, for each shown variant with a passed trial that recorded {@code artifact}, that trial: of the lowest seed on
         * which all of them did, so they show the same test images; else each variant's lowest such seed.
         */
        private Map<String, TrialResult> firstSeedWith(String artifact) {
            List<VariantAnalysis> shown = baselineAndBest();
            java.util.function.Predicate<TrialResult> has = t -> t.artifacts() != null && t.artifacts().containsKey(artifact);
            Set<Long> common = null;
            for (VariantAnalysis v : shown) {
                Set<Long> seeds = new java.util.TreeSet<>(v.passed().stream().filter(has).map(TrialResult::seed).toList());
                if (common == null) {
                    common = seeds;
                } else {
                    common.retainAll(seeds);
                }
            }
            Long seed = common == null || common.isEmpty() ? null : common.iterator().next();
            Map<String, TrialResult> out = new LinkedHashMap<>();
            for (VariantAnalysis v : shown) {
                v.passed().stream().filter(has).filter(t -> seed == null || t.seed() == seed).findFirst()
                        .ifPresent(t -> out.put(v.name(), t));
            }
            return out;
        }

        /**
         * The categories the precision–recall charts draw, each in its own colour (the detections in the examples take
         * the same): the {@value Charts#OTHERS_COLOR} with the most objects, in the artifact's order, from the first
         * shown trial with curves.
         */
        private List<PrCurves.Category> chartedCategories(Map<String, PrCurves> curves) {
            List<PrCurves.Category> all = curves.values().stream().findFirst().map(PrCurves::curves).orElse(List.of());
            Set<PrCurves.Category> most = new LinkedHashSet<>(all.stream()
                    .sorted(java.util.Comparator.comparingLong(PrCurves.Category::objects).reversed())
                    .limit(Charts.OTHERS_COLOR).toList());
            return all.stream().filter(most::contains).toList();
        }

        private Map<String, PrCurves> prCurves() {
            Map<String, PrCurves> out = new LinkedHashMap<>();
            firstSeedWith(PrCurves.ARTIFACT).forEach((v, t) -> PrCurves.of(t).ifPresent(c -> out.put(v, c)));
            return out;
        }

        /** A chart per shown variant with a line per category, and a table of every category's AP per variant. */
        private Map<String, Object> precisionRecall() {
            Map<String, Object> m = new LinkedHashMap<>();
            Map<String, PrCurves> curves = prCurves();
            Map<String, TrialResult> trials = firstSeedWith(PrCurves.ARTIFACT);
            m.put("present", !curves.isEmpty());
            List<PrCurves.Category> charted = chartedCategories(curves);
            List<Long> chartedIds = charted.stream().map(PrCurves.Category::id).toList();
            List<Map<String, Object>> charts = new ArrayList<>();
            Map<Long, Map<String, Object>> rows = new LinkedHashMap<>();
            int i = 0;
            for (var e : curves.entrySet()) {
                PrCurves c = e.getValue();
                List<PrCurves.Category> drawn = c.curves().stream().filter(k -> chartedIds.contains(k.id())).toList();
                Map<String, Object> chart = new LinkedHashMap<>();
                chart.put("variant", e.getKey());
                chart.put("color", color(e.getKey()));
                chart.put("seed", trials.get(e.getKey()).seed());
                chart.put("iou", Format.tick(c.iou()));
                chart.put("set", c.set());
                chart.put("svg", Charts.curves("chart-pr-" + i++, "precision",
                        drawn.stream().map(k -> k.name() + " (AP " + Format.num(k.ap()) + ")").toList(),
                        drawn.stream().map(k -> chartedIds.indexOf(k.id())).toList(),
                        drawn.stream().map(PrCurves.Category::precision).toList(),
                        new CurveAxis("recall", c.recall(), true)));
                charts.add(chart);
                for (PrCurves.Category k : c.curves()) {
                    Map<String, Object> row = rows.computeIfAbsent(k.id(), id -> {
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("name", k.name());
                        r.put("objects", Format.count(k.objects()));
                        r.put("ap", new ArrayList<>(java.util.Collections.nCopies(curves.size(), Format.NONE)));
                        return r;
                    });
                    @SuppressWarnings("unchecked")
                    List<String> ap = (List<String>) row.get("ap");
                    ap.set(charts.size() - 1, Format.num(k.ap()));
                }
            }
            m.put("charts", charts);
            m.put("variants", charts.stream().map(c -> c.get("variant")).toList());
            m.put("rows", new ArrayList<>(rows.values()));
            m.put("note", rows.size() > charted.size() ? "The charts draw the " + charted.size()
                    + " categories with the most objects; the table lists all " + rows.size() + "." : "");
            return m;
        }

        /** The shown variants' first example images side by side, the same images when they share a seed. */
        private Map<String, Object> examples() {
            Map<String, Object> m = new LinkedHashMap<>();
            Map<String, TrialResult> trials = firstSeedWith(ExampleImage.ARTIFACT);
            Map<String, PrCurves> curves = prCurves();
            List<Long> chartedIds = chartedCategories(curves).stream().map(PrCurves.Category::id).toList();
            Map<Long, String> names = new LinkedHashMap<>();
            curves.values().forEach(c -> c.curves().forEach(k -> names.putIfAbsent(k.id(), k.name())));
            List<Map<String, Object>> columns = new ArrayList<>();
            List<List<ExampleImage>> images = new ArrayList<>();
            for (var e : trials.entrySet()) {
                List<ExampleImage> list = ExampleImage.of(e.getValue());
                if (list.isEmpty()) {
                    continue;
                }
                images.add(list.subList(0, Math.min(EXAMPLES_SHOWN, list.size())));
                Map<String, Object> column = new LinkedHashMap<>();
                column.put("variant", e.getKey());
                column.put("color", color(e.getKey()));
                column.put("seed", e.getValue().seed());
                columns.add(column);
            }
            int count = images.stream().mapToInt(List::size).max().orElse(0);
            List<List<Map<String, Object>>> rows = new ArrayList<>();
            for (int r = 0; r < count; r++) {
                List<Map<String, Object>> row = new ArrayList<>();
                for (List<ExampleImage> list : images) {
                    Map<String, Object> cell = new LinkedHashMap<>();
                    ExampleImage x = r < list.size() ? list.get(r) : null;
                    cell.put("present", x != null);
                    cell.put("svg", x == null ? "" : x.svg(chartedIds, names));
                    cell.put("caption", x == null ? "" : "image " + x.imageId() + (x.set().isEmpty() ? "" : " · " + x.set())
                            + " · " + x.truth().size() + " true, " + x.detections().size() + " detected");
                    row.add(cell);
                }
                rows.add(row);
            }
            m.put("present", count > 0);
            m.put("columns", columns);
            m.put("rows", rows);
            return m;
        }

        private List<Map<String, Object>> failures() {
            List<Map<String, Object>> list = new ArrayList<>();
            for (TrialResult t : a.failures()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("variant", t.variant());
                f.put("color", color(t.variant()));
                f.put("seed", String.valueOf(t.seed()));
                f.put("status", t.status().label());
                f.put("statusClass", t.status().name().toLowerCase().replace('_', '-'));
                f.put("error", t.error() == null ? "(no message recorded)" : t.error());
                f.put("id", nz(t.id()));
                f.put("wall", Format.seconds(t.wallSeconds()));
                list.add(f);
            }
            return list;
        }

        private List<Map<String, Object>> provenance() {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Provenance p : a.provenance()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("trials", a.trials().stream().filter(t -> p.equals(t.provenance())).count());
                List<String[]> fields = new ArrayList<>();
                Function<String, String> v = HtmlReport::nz;
                fields.add(new String[]{"Git commit", v.apply(p.gitCommit())});
                fields.add(new String[]{"Ablate", v.apply(p.ablateVersion())});
                fields.add(new String[]{"Java", v.apply(p.javaVersion())});
                fields.add(new String[]{"Engine", p.engineDescription()});
                fields.add(new String[]{"DJL", v.apply(p.djlVersion())});
                fields.add(new String[]{"Device", v.apply(p.device())});
                fields.add(new String[]{"CPU", v.apply(p.cpuModel())});
                fields.add(new String[]{"OS", v.apply(p.os())});
                fields.add(new String[]{"Data", v.apply(p.dataSource())});
                m.put("fields", fields.stream().map(f -> Map.of("key", f[0], "value", f[1].isEmpty() ? Format.NONE : f[1])).toList());
                list.add(m);
            }
            return list;
        }

        /** Up to {@value #NAMES_SHOWN} names joined, then how many more there are. */
        private static String someNames(List<String> names, String separator) {
            if (names.size() <= NAMES_SHOWN) {
                return String.join(separator, names);
            }
            return String.join(separator, names.subList(0, NAMES_SHOWN)) + " and " + (names.size() - NAMES_SHOWN)
                    + " more";
        }

        private String color(String variant) {
            return Charts.colorHex(colorIndex.getOrDefault(variant, 0));
        }

        private static String meanCi(Summary s) {
            if (s.n() < 2 || Double.isNaN(s.halfWidth())) {
                return Format.num(s.mean());
            }
            return Format.num(s.mean()) + " ± " + Format.num(s.halfWidth());
        }

        private static String pct(double share) {
            return String.format(java.util.Locale.ROOT, "%.1f", 100 * Math.max(0, Math.min(1, share)));
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
