package ablate.reports;

import ablate.metrics.stats.Summary;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the report's sections share: the analysis, the colour of each variant (the same in every table and chart) and
 * the cell and text helpers. Each section of {@code index.peb} is a small subclass that puts its entries into the
 * template's model: maps of preformatted strings, so the template holds no logic beyond loops.
 */
class ReportSection {
    /** Example images shown per variant. */
    static final int EXAMPLES_SHOWN = 4;
    /** Names listed in a sentence or tooltip before "and N more" (summary.json lists all). */
    static final int NAMES_SHOWN = 10;
    final Analysis a;
    final String primary;
    final Map<String, Integer> colorIndex;
    /** The variants the charts draw in colour: all of them when the palette has room for each, else a few. */
    final Set<String> charted;

    ReportSection(Analysis analysis) {
        this.a = analysis;
        this.primary = analysis.primaryMetric();
        this.colorIndex = new LinkedHashMap<>();
        this.charted = new LinkedHashSet<>();
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

    /** A section sharing another's analysis and colours. */
    ReportSection(ReportSection shared) {
        this.a = shared.a;
        this.primary = shared.primary;
        this.colorIndex = shared.colorIndex;
        this.charted = shared.charted;
    }

    /** Says which variants the charts colour, when not all of them; empty otherwise. */
    String chartedNote() {
        int others = a.variants().size() - charted.size();
        if (others == 0) {
            return "";
        }
        boolean withBaseline = a.baseline().isPresent() && charted.contains(a.suite().baseline());
        int best = charted.size() - (withBaseline ? 1 : 0);
        return "With " + a.variants().size() + " variants, the charts colour " + (withBaseline ? "the baseline and " : "")
                + "the " + best + " best by " + primary + "; the other " + others + " are grey.";
    }

    /** {@code the baseline} followed by its name, unless it is named "baseline" (the harness' name for it). */
    String theBaseline() {
        String name = nz(a.suite().baseline());
        return name.isEmpty() || name.equals("baseline") ? "the baseline" : "the baseline " + name;
    }

    Map<String, Object> variantCells(VariantAnalysis v) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", v.name());
        row.put("color", color(v.name()));
        row.put("isBaseline", v.baseline());
        row.put("slots", Describe.slots(v.definition().slots()));
        return row;
    }

    /** Δ, p-values, mark and a tone ({@code better}, {@code worse}, {@code neutral}) for a comparison cell. */
    void comparisonCells(Map<String, Object> row, String metric, Comparison c, boolean isBaseline) {
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
        row.put("tone", a.tone(metric, c));
    }

    /** Up to {@value #NAMES_SHOWN} names joined, then how many more there are. */
    static String someNames(List<String> names, String separator) {
        if (names.size() <= NAMES_SHOWN) {
            return String.join(separator, names);
        }
        return String.join(separator, names.subList(0, NAMES_SHOWN)) + " and " + (names.size() - NAMES_SHOWN)
                + " more";
    }

    String color(String variant) {
        return Charts.colorHex(colorIndex.getOrDefault(variant, 0));
    }

    static String meanCi(Summary s) {
        if (s.n() < 2 || Double.isNaN(s.halfWidth())) {
            return Format.num(s.mean());
        }
        return Format.num(s.mean()) + " ± " + Format.num(s.halfWidth());
    }

    static String pct(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f", 100 * Math.max(0, Math.min(1, share)));
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
