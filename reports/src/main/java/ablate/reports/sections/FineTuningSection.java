package ablate.reports.sections;

import ablate.metrics.stats.Summary;
import ablate.reports.Analysis;
import ablate.reports.Charts;
import ablate.reports.MetricStats;
import ablate.reports.Pareto;
import ablate.reports.VariantAnalysis;
import org.apache.commons.text.StringEscapeUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fine-tuning (PEFT) section: the primary metric against each method's trainable share and against its peak
 * memory during fine-tuning, one point per variant (mean and 95% CI over its seeds) with the Pareto front. The
 * share is an exact count (no noise); peak memory is measured, so two variants whose means are closer than the
 * larger of their seed-to-seed standard deviations count as equally costly. Empty when no trial recorded the
 * fine-tuning task's cost metrics.
 */
public final class FineTuningSection {
    static final String SHARE = "trainablePercent";
    static final String MEMORY = "peakMemoryMiB";

    private FineTuningSection() {
    }

    /** The section's HTML, or "" when the results hold no fine-tuning cost metrics. */
    public static String html(Analysis a) {
        String primary = a.primaryMetric();
        boolean present = a.variants().stream().anyMatch(v -> v.metric(SHARE) != null && v.metric(primary) != null);
        if (!present) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        b.append("<section id=\"fine-tuning\">\n<h2>Fine-tuning: ").append(esc(primary))
                .append(" against trainable share and peak memory</h2>\n")
                .append("<p class=\"lead\">Mean and 95% CI over each variant's passed seeds; the dashed line is the Pareto")
                .append(" front (no other variant is at most as costly and at least as good). Peak memory is the trial")
                .append(" process's resident peak during fine-tuning.</p>\n");
        chart(b, a, primary, SHARE, "trainable parameters (% of the fine-tuned model)", "chart-peft-share", false);
        chart(b, a, primary, MEMORY, "peak memory during fine-tuning (MiB)", "chart-peft-memory", true);
        b.append("</section>\n");
        return b.toString();
    }

    private static void chart(StringBuilder b, Analysis a, String primary, String cost, String axis, String id,
                              boolean measured) {
        List<Charts.ScatterPoint> scatter = new ArrayList<>();
        List<Pareto.Point> points = new ArrayList<>();
        List<VariantAnalysis> variants = a.variants();
        for (int i = 0; i < variants.size(); i++) {
            VariantAnalysis v = variants.get(i);
            MetricStats c = v.metric(cost);
            MetricStats m = v.metric(primary);
            if (c == null || m == null || !Double.isFinite(c.summary().mean()) || !Double.isFinite(m.summary().mean())) {
                continue;
            }
            Summary s = m.summary();
            scatter.add(new Charts.ScatterPoint(v.name(), i, c.summary().mean(), s.mean(), s.ciLow(), s.ciHigh()));
            double noise = measured && Double.isFinite(c.summary().sd()) ? c.summary().sd() : 0;
            points.add(new Pareto.Point(v.name(), c.summary().mean(), s.mean(), noise));
        }
        if (points.isEmpty()) {
            return;
        }
        List<Pareto.Point> front = Pareto.front(points, a.lowerIsBetter(primary));
        b.append("<figure>\n<figcaption>").append(esc(primary)).append(" vs ").append(esc(axis)).append("</figcaption>\n")
                .append(Charts.scatter(id, axis, (v, step) -> tick(v, step), primary, scatter, List.of(), front))
                .append("\n<p>Pareto front: ").append(esc(String.join(" → ", front.stream().map(Pareto.Point::name).toList())))
                .append("</p>\n</figure>\n");
    }

    private static String tick(double v, double step) {
        int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String esc(String s) {
        return StringEscapeUtils.escapeHtml4(s);
    }
}
