package ablate.reports;

import org.apache.commons.text.StringEscapeUtils;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Learning curves as a stand-alone SVG file, written directly as text: one panel per curve, one line per series
 * (e.g. per seed), in {@link Charts}' palette and style. Panels share the x axis drawn below the last one when
 * their {@link CurveAxis} is the same (epochs, usually); otherwise each panel has its own. Used for the Allure
 * attachments, where a JFreeChart render per variant would cost milliseconds and this costs microseconds.
 */
final class LineChartSvg {
    private static final int WIDTH = Charts.WIDTH;
    private static final int PANEL_HEIGHT = 200;
    private static final int LEFT = 70;
    private static final int RIGHT = 14;
    private static final int TOP = 12;
    private static final int GAP = 14;
    private static final int X_AXIS = 48;
    private static final int LEGEND_ROW = 22;
    private static final String FONT = "font-family=\"sans-serif\"";

    private LineChartSvg() {
    }

    /** A named line: its values per point of the curve's axis (the first point first), null or non-finite where there is none. */
    record Series(String name, Map<String, List<Double>> curves) {
    }

    /** The chart of every series' curves against epochs 1..N. */
    static String render(List<Series> series) {
        return render(series, Map.of());
    }

    /**
     * The chart of every series' curves: a panel per curve name (in order of first appearance) against its axis in
     * {@code axes} (epochs 1..N for a curve not there), lines broken where a value is missing or not finite,
     * markers at each value when there are at most 30 points.
     */
    static String render(List<Series> series, Map<String, CurveAxis> axes) {
        Set<String> curveNames = new LinkedHashSet<>();
        int epochs = 1;
        for (Series s : series) {
            curveNames.addAll(s.curves().keySet());
            for (List<Double> c : s.curves().values()) {
                epochs = Math.max(epochs, c.size());
            }
        }
        List<XScale> scales = new ArrayList<>();
        for (String curve : curveNames) {
            scales.add(XScale.of(axes.getOrDefault(curve, CurveAxis.epochs(epochs))));
        }
        boolean shared = scales.stream().distinct().count() <= 1;
        int panels = Math.max(1, curveNames.size());
        int item = legendItemWidth(series);
        int perRow = Math.max(1, (WIDTH - 20) / item);
        int legendRows = (series.size() + perRow - 1) / perRow;
        int axisBands = shared ? 1 : panels;
        int height = TOP + panels * PANEL_HEIGHT + (panels - 1) * GAP + axisBands * X_AXIS + legendRows * LEGEND_ROW + 8;
        StringBuilder b = new StringBuilder(4096 + 600 * series.size() * panels);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\">\n");
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        int plotWidth = WIDTH - LEFT - RIGHT;
        int top = TOP;
        int i = 0;
        for (String curve : curveNames) {
            XScale x = scales.get(i++);
            panel(b, curve, series, top, plotWidth, x, epochs <= 30);
            top += PANEL_HEIGHT;
            if (!shared || i == curveNames.size()) {
                xAxis(b, x, top, plotWidth);
                top += X_AXIS;
            }
            top += GAP;
        }
        if (curveNames.isEmpty()) {
            xAxis(b, XScale.of(CurveAxis.epochs(epochs)), top + PANEL_HEIGHT, plotWidth);
            top += PANEL_HEIGHT + X_AXIS + GAP;
        }
        legend(b, series, top - GAP, item, perRow);
        return b.append("</svg>\n").toString();
    }

    /**
     * Where an axis' values go: its points' x values, its range, whether it is logarithmic, and its ticks (whole
     * epochs; round values on a linear declared axis; on a log axis, its own values when it has few, else powers of ten).
     */
    record XScale(String label, List<Double> values, double lo, double hi, boolean log, List<Double> ticks) {
        static XScale of(CurveAxis axis) {
            List<Double> values = axis.values();
            double min = axis.min();
            double max = axis.max();
            if (axis.log()) {
                double lo = min / 1.3;
                double hi = max * 1.3;
                List<Double> ticks = new ArrayList<>(values);
                if (values.size() > Charts.TICK_EACH_VALUE) {
                    ticks.clear();
                    for (double p = Math.pow(10, Math.ceil(Math.log10(lo))); p <= hi; p *= 10) {
                        ticks.add(p);
                    }
                }
                return new XScale(axis.label(), values, lo, hi, true, ticks);
            }
            double lo = min == max ? min - Math.max(0.5, Math.abs(min) * 0.05) : min;
            double hi = min == max ? max + Math.max(0.5, Math.abs(max) * 0.05) : max;
            List<Double> ticks = java.util.Arrays.stream(LineChartSvg.ticks(lo, hi, !axis.declared())).boxed().toList();
            return new XScale(axis.label(), values, lo, hi, false, ticks);
        }

        /** Position of {@code v} along an axis of {@code length}. */
        double position(double v, double length) {
            return log ? scale(Math.log(v), Math.log(lo), Math.log(hi), length) : scale(v, lo, hi, length);
        }
    }

    private static void xAxis(StringBuilder b, XScale x, int axisY, int plotWidth) {
        for (double t : x.ticks()) {
            text(b, LEFT + x.position(t, plotWidth), axisY + 16, "middle", Charts.TICK_SIZE, Charts.MUTED_HEX,
                    Format.tick(t));
        }
        text(b, LEFT + plotWidth / 2.0, axisY + 36, "middle", Charts.LABEL_SIZE, Charts.INK_HEX, x.label());
    }

    private static void panel(StringBuilder b, String curve, List<Series> series, int top, int plotWidth,
                              XScale xScale, boolean markers) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (Double v : s.curves().getOrDefault(curve, List.of())) {
                if (v != null && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.05;
            lo -= pad;
            hi += pad;
        } else {
            double pad = (hi - lo) * 0.05;
            lo -= pad;
            hi += pad;
        }
        int bottom = top + PANEL_HEIGHT;
        b.append("<g stroke=\"").append(Charts.GRID_HEX).append("\" stroke-width=\"1\">");
        for (double t : xScale.ticks()) {
            double x = LEFT + xScale.position(t, plotWidth);
            b.append("<line x1=\"").append(coordinate(x)).append("\" y1=\"").append(top).append("\" x2=\"")
                    .append(coordinate(x)).append("\" y2=\"").append(bottom).append("\"/>");
        }
        double[] yTicks = ticks(lo, hi, false);
        for (double t : yTicks) {
            double y = bottom - scale(t, lo, hi, PANEL_HEIGHT);
            b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(coordinate(y)).append("\" x2=\"")
                    .append(LEFT + plotWidth).append("\" y2=\"").append(coordinate(y)).append("\"/>");
        }
        b.append("</g>\n");
        for (double t : yTicks) {
            text(b, LEFT - 6, bottom - scale(t, lo, hi, PANEL_HEIGHT) + 4, "end", Charts.TICK_SIZE, Charts.MUTED_HEX,
                    Format.tick(t));
        }
        double labelX = 16;
        double labelY = top + PANEL_HEIGHT / 2.0;
        b.append("<text transform=\"rotate(-90 ").append(coordinate(labelX)).append(' ').append(coordinate(labelY))
                .append(")\" x=\"").append(coordinate(labelX)).append("\" y=\"").append(coordinate(labelY))
                .append("\" text-anchor=\"middle\" ").append(FONT).append(" font-size=\"").append(Charts.LABEL_SIZE)
                .append("\" fill=\"").append(Charts.INK_HEX).append("\">").append(escape(curve)).append("</text>\n");
        for (int i = 0; i < series.size(); i++) {
            List<Double> values = series.get(i).curves().get(curve);
            if (values == null) {
                continue;
            }
            String color = Charts.colorHex(i);
            StringBuilder path = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            boolean pen = false;
            List<Double> xs = xScale.values();
            for (int e = 0; e < Math.min(values.size(), xs.size()); e++) {
                Double v = values.get(e);
                if (v == null || !Double.isFinite(v)) {
                    pen = false;
                    continue;
                }
                String x = coordinate(LEFT + xScale.position(xs.get(e), plotWidth));
                String y = coordinate(bottom - scale(v, lo, hi, PANEL_HEIGHT));
                path.append(pen ? 'L' : 'M').append(x).append(' ').append(y);
                pen = true;
                if (markers) {
                    dots.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"3\"/>");
                }
            }
            b.append("<g fill=\"").append(color).append("\"><path d=\"").append(path).append("\" fill=\"none\" stroke=\"")
                    .append(color).append("\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>")
                    .append(dots).append("</g>\n");
        }
    }

    private static void legend(StringBuilder b, List<Series> series, int top, int item, int perRow) {
        int rowWidth = Math.min(series.size(), perRow) * item;
        int left = (WIDTH - rowWidth) / 2;
        for (int i = 0; i < series.size(); i++) {
            int x = left + (i % perRow) * item;
            int y = top + (i / perRow) * LEGEND_ROW;
            b.append("<rect x=\"").append(x).append("\" y=\"").append(y + 7).append("\" width=\"14\" height=\"4\" fill=\"")
                    .append(Charts.colorHex(i)).append("\"/>");
            text(b, x + 20, y + 13, "start", Charts.LABEL_SIZE, Charts.INK_HEX, series.get(i).name());
        }
    }

    /** Room for the longest name: swatch, gap and about 8 px per character at the label size. */
    private static int legendItemWidth(List<Series> series) {
        int longest = series.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        return Math.min(WIDTH - 20, 40 + 8 * longest);
    }

    private static void text(StringBuilder b, double x, double y, String anchor, int size, String fill, String s) {
        b.append("<text x=\"").append(coordinate(x)).append("\" y=\"").append(coordinate(y)).append("\" text-anchor=\"")
                .append(anchor).append("\" ").append(FONT).append(" font-size=\"").append(size).append("\" fill=\"")
                .append(fill).append("\">").append(escape(s)).append("</text>\n");
    }

    /** Position of {@code v} in {@code [lo, hi]} mapped onto {@code [0, length]}. */
    private static double scale(double v, double lo, double hi, double length) {
        return (v - lo) / (hi - lo) * length;
    }

    /**
     * About five round tick values (steps of 1, 2 or 5 times a power of ten) inside {@code [lo, hi]}; with
     * {@code integers}, the steps are whole numbers.
     */
    static double[] ticks(double lo, double hi, boolean integers) {
        double raw = (hi - lo) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / magnitude;
        double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
        if (integers) {
            step = Math.max(1, Math.round(step));
        }
        List<Double> ticks = new ArrayList<>();
        for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
            ticks.add(k * step);
        }
        return ticks.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String coordinate(double v) {
        return Charts.coordinate(v);
    }

    private static String escape(String s) {
        return StringEscapeUtils.escapeXml10(s);
    }
}
