package ablate.reports.history;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static org.apache.commons.text.StringEscapeUtils.escapeXml10;

/**
 * A trend as inline SVG (no script, no external file, so the site works from {@code file://}): the 95% band of each
 * run's mean, the means joined, the fitted levels, each step as a vertical dashed line (red when worse by the
 * metric's direction, green when better), commits along the x axis, and every point a link to its run's report.
 */
final class TrendChart {
    static final int W = 720;
    static final int H = 250;
    private static final int L = 70;
    private static final int R = 20;
    private static final int T = 16;
    private static final int B = 70;

    private TrendChart() {
    }

    static String svg(Trend t, Function<HistoryRecord, String> link) {
        List<HistoryRecord.Point> p = t.points();
        int n = p.size();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (HistoryRecord.Point q : p) {
            lo = Math.min(lo, Math.min(q.mean(), Double.isFinite(q.ciLow()) ? q.ciLow() : q.mean()));
            hi = Math.max(hi, Math.max(q.mean(), Double.isFinite(q.ciHigh()) ? q.ciHigh() : q.mean()));
        }
        if (!(hi > lo)) {
            double pad = Math.max(Math.abs(lo) * 0.01, 1e-6);
            lo -= pad;
            hi += pad;
        }
        double pad = (hi - lo) * 0.08;
        final double y0 = lo - pad;
        final double y1 = hi + pad;
        double pw = W - L - R;
        double ph = H - T - B;
        java.util.function.IntToDoubleFunction x = i -> L + (n == 1 ? pw / 2 : i * pw / (n - 1));
        java.util.function.DoubleUnaryOperator y = v -> T + ph * (1 - (v - y0) / (y1 - y0));

        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
                + "height=\"%d\" role=\"img\" aria-label=\"%s\">", W, H, W, H, escapeXml10(t.variant() + " " + t.metric())));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" class=\"frame\"/>", L, T, pw, ph));
        for (int k = 0; k <= 4; k++) {
            double v = y0 + (y1 - y0) * k / 4;
            s.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    L, L + pw, y.applyAsDouble(v), y.applyAsDouble(v), L - 6, y.applyAsDouble(v) + 4, fmt(v, y1 - y0)));
        }
        // the band of 95% CIs, where runs had more than one seed
        StringBuilder band = new StringBuilder();
        StringBuilder back = new StringBuilder();
        for (int i = 0; i < n; i++) {
            HistoryRecord.Point q = p.get(i);
            double top = Double.isFinite(q.ciHigh()) ? q.ciHigh() : q.mean();
            double bot = Double.isFinite(q.ciLow()) ? q.ciLow() : q.mean();
            band.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x.applyAsDouble(i), y.applyAsDouble(top)));
            back.insert(0, String.format(Locale.ROOT, " L%.1f %.1f", x.applyAsDouble(i), y.applyAsDouble(bot)));
        }
        s.append("<path class=\"band\" d=\"").append(band).append(back).append(" Z\"/>");
        for (Trend.Segment g : t.segments()) {
            s.append(String.format(Locale.ROOT, "<line class=\"fit\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>",
                    x.applyAsDouble(g.start()), x.applyAsDouble(g.end() - 1), y.applyAsDouble(g.level()), y.applyAsDouble(g.level())));
        }
        List<Trend.Segment> segs = t.segments();
        for (int k = 1; k < segs.size(); k++) {
            int i = segs.get(k).start();
            double before = segs.get(k - 1).level();
            double after = segs.get(k).level();
            String kind = t.worse(before, after) ? "worse" : t.better(before, after) ? "better" : "neutral";
            double xs = (x.applyAsDouble(i - 1) + x.applyAsDouble(i)) / 2;
            s.append(String.format(Locale.ROOT, "<line class=\"step %s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\">"
                    + "<title>step between %s and %s: %s → %s</title></line>", kind, xs, xs, T, T + ph,
                    escapeXml10(t.runs().get(i - 1).shortCommit()), escapeXml10(t.runs().get(i).shortCommit()),
                    fmt(before, y1 - y0), fmt(after, y1 - y0)));
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) {
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(i), y.applyAsDouble(p.get(i).mean())));
        }
        s.append("<polyline class=\"mean\" points=\"").append(line.toString().trim()).append("\"/>");
        int every = Math.max(1, (int) Math.ceil(n / 24.0));
        for (int i = 0; i < n; i++) {
            HistoryRecord r = t.runs().get(i);
            HistoryRecord.Point q = p.get(i);
            String title = escapeXml10(r.shortCommit() + " · " + r.date() + " · " + fmt(q.mean(), y1 - y0)
                    + (Double.isFinite(q.ciLow()) ? " [" + fmt(q.ciLow(), y1 - y0) + ", " + fmt(q.ciHigh(), y1 - y0) + "]" : "")
                    + " · n=" + q.n());
            String circle = String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"><title>%s</title></circle>",
                    x.applyAsDouble(i), y.applyAsDouble(q.mean()), title);
            String href = link.apply(r);
            s.append(href == null ? circle : "<a href=\"" + escapeXml10(href) + "\">" + circle + "</a>");
            if (i % every == 0 || i == n - 1) {
                s.append(String.format(Locale.ROOT, "<text class=\"commit\" x=\"%.1f\" y=\"%.1f\" "
                        + "transform=\"rotate(-40 %.1f %.1f)\" text-anchor=\"end\">%s</text>", x.applyAsDouble(i), T + ph + 14,
                        x.applyAsDouble(i), T + ph + 14, escapeXml10(r.shortCommit().length() > 8 ? r.shortCommit().substring(0, 8) : r.shortCommit())));
            }
        }
        return s.append("</svg>").toString();
    }

    /** Enough digits to tell the ticks of this range apart. */
    static String fmt(double v, double range) {
        int digits = range > 0 ? Math.max(0, Math.min(8, 2 - (int) Math.floor(Math.log10(range)))) : 4;
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
