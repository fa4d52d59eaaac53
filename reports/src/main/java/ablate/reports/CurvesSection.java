package ablate.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;

/** The learning curves: a chart per curve, and the variants the charts leave out with their last values. */
final class CurvesSection extends ReportSection {
    CurvesSection(ReportSection shared) {
        super(shared);
    }

    /** Puts this section's entries into the template's model. */
    void put(Map<String, Object> m) {
        m.put("curveCharts", curveCharts());
        m.put("chartedNote", chartedNote());
        m.put("curveNames", curveNames());
        m.put("uncharted", unchartedCurves());
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
}
