package ablate.reports;

import ablate.results.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The header cards and the summary: counts, the headline, the best variant, the ranked table and all metrics. */
final class SummarySection extends ReportSection {
    SummarySection(ReportSection shared) {
        super(shared);
    }

    /** Puts this section's entries into the template's model. */
    void put(Map<String, Object> m) {
        m.put("counts", counts());
        m.put("verdicts", verdictCounts());
        m.put("best", best());
        m.put("headline", headline());
        m.put("overlapNote", overlapNote());
        m.put("rows", summaryRows());
        m.put("metricNames", a.metrics());
        m.put("metricHeads", a.metrics().stream().map(this::metricHead).toList());
        m.put("metricRows", metricRows());
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
                    ? "significantly better than every other variant (paired t-test, Holm-adjusted)"
                    : "not significantly better than " + someNames(top.indistinctFrom(), ", ")
                    + " (paired t-test, Holm-adjusted)");
        }
        return b;
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

    /** Groups of ranked variants the table's test does not tell apart, e.g. {@code se ≈ cbam ≈ none}. */
    private String overlapNote() {
        List<String> groups = a.rankGroups().stream().map(g -> someNames(g, " ≈ ")).toList();
        return groups.isEmpty() ? "" : String.join("; ", groups)
                + (groups.size() == 1 ? ": their" : ": within each group the")
                + " differences are not significant (paired t-test, Holm-adjusted), so that order is not either.";
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
            row.put("overlaps", r == null ? "" : someNames(r.indistinctFrom(), ", "));
            row.put("n", st == null ? "0" : String.valueOf(st.summary().n()));
            row.put("mean", st != null ? meanCi(st.summary())
                    : v.passed().isEmpty() ? v.notPassedReason() : Format.NONE);
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

    /** A metric's column head: its name, an arrow for its direction and the direction in words. */
    private Map<String, Object> metricHead(String metric) {
        ablate.results.Direction d = a.direction(metric);
        return Map.of("name", metric,
                "arrow", switch (d) { case HIGHER -> "↑"; case LOWER -> "↓"; case NONE -> "○"; },
                "title", switch (d) {
                    case HIGHER -> "higher is better";
                    case LOWER -> "lower is better";
                    case NONE -> "no better direction";
                });
    }
}
