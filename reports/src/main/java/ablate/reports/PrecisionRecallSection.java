package ablate.reports;

import ablate.results.TrialResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Precision–recall charts and AP table (detection) for the baseline and the best variant, on a seed both passed; also
 * which trials and categories the example images show, so both sections show the same.
 */
final class PrecisionRecallSection extends ReportSection {
    PrecisionRecallSection(ReportSection shared) {
        super(shared);
    }

    /** Puts this section's entries into the template's model. */
    void put(Map<String, Object> m) {
        m.put("precisionRecall", precisionRecall());
    }

    /** The baseline, then the best variant by the primary metric when it is another: the variants the artifact sections show. */
    List<VariantAnalysis> baselineAndBest() {
        List<VariantAnalysis> shown = new ArrayList<>();
        a.baseline().ifPresent(shown::add);
        a.best().filter(b -> !shown.contains(b)).ifPresent(shown::add);
        return shown;
    }

    /**
     * By variant name, for each shown variant with a passed trial that recorded {@code artifact}, that trial: of the lowest seed on
     * which all of them did, so they show the same test images; else each variant's lowest such seed.
     */
    Map<String, TrialResult> firstSeedWith(String artifact) {
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
    List<PrCurves.Category> chartedCategories(Map<String, PrCurves> curves) {
        List<PrCurves.Category> all = curves.values().stream().findFirst().map(PrCurves::curves).orElse(List.of());
        Set<PrCurves.Category> most = new LinkedHashSet<>(all.stream()
                .sorted(java.util.Comparator.comparingLong(PrCurves.Category::objects).reversed())
                .limit(Charts.OTHERS_COLOR).toList());
        return all.stream().filter(most::contains).toList();
    }

    Map<String, PrCurves> prCurves() {
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
}
