package ablate.reports;

import ablate.metrics.stats.Summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The cost table with its Pareto badges and the two scatter plots. */
final class CostSection extends ReportSection {
    CostSection(ReportSection shared) {
        super(shared);
    }

    /** Puts this section's entries into the template's model. */
    void put(Map<String, Object> m) {
        m.put("costRows", costRows());
        m.put("costCharts", costCharts());
    }

    private List<Map<String, Object>> costRows() {
        var paramsFront = a.paretoFront(c -> c.totalParams());
        var latencyFront = a.paretoFront(Analysis::latency, Analysis::latencyNoise);
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
                c -> c.totalParams(), c -> 0, Format::count);
        addScatter(charts, "chart-latency", "inference latency (median, ms)", "latency",
                Analysis::latency, Analysis::latencyNoise, Format::tick);
        return charts;
    }

    private void addScatter(List<Map<String, Object>> charts, String id, String axis, String title,
                            ToDoubleFunction<CostSummary> cost, ToDoubleFunction<CostSummary> noise,
                            Charts.StepFormat format) {
        List<Pareto.Point> points = a.costPoints(cost, noise);
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
}
