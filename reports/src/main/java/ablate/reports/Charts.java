package ablate.reports;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;

/** Inline SVG charts drawn with JFreeChart onto JFreeSVG's {@link SVGGraphics2D}. */
public final class Charts {
    /** Tableau 10: distinct, print-safe colours; variants take them in suite order. */
    private static final Color[] PALETTE = {
            new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759), new Color(0x76b7b2), new Color(0x59a14f),
            new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f), new Color(0xbab0ac)};
    public static final int PALETTE_SIZE = PALETTE.length;
    /** The palette's grey, for variants a chart does not single out. */
    public static final int OTHERS_COLOR = 9;
    private static final String[] PALETTE_HEX = java.util.Arrays.stream(PALETTE)
            .map(c -> String.format("#%06x", c.getRGB() & 0xffffff)).toArray(String[]::new);
    static final String INK_HEX = "#1f2933";
    static final String MUTED_HEX = "#616e7c";
    static final String GRID_HEX = "#e4e7eb";
    static final int LABEL_SIZE = 14;
    static final int TICK_SIZE = 12;
    private static final Color INK = Color.decode(INK_HEX);
    private static final Color MUTED = Color.decode(MUTED_HEX);
    private static final Color GRID = Color.decode(GRID_HEX);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, LABEL_SIZE);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, TICK_SIZE);

    /** A log axis with at most this many declared values has a tick at each of them. */
    static final int TICK_EACH_VALUE = 12;
    public static final int WIDTH = 540;
    public static final int HEIGHT = 380;

    private Charts() {
    }

    /** The colour of the i-th variant, as {@code #rrggbb}. */
    public static String colorHex(int i) {
        return PALETTE_HEX[i % PALETTE.length];
    }

    /** A variant in a scatter: its cost, its metric mean and 95% CI. */
    public record ScatterPoint(String name, int colorIndex, double cost, double mean, double ciLow, double ciHigh) {
    }

    /**
     * Metric against cost, one point per variant with its 95% CI as a vertical bar, and the Pareto front as a
     * dashed line. The cost axis is logarithmic when the costs span more than a factor of 20. {@code others}
     * are grey dots without intervals behind the rest, with one legend entry for all of them.
     */
    public static String scatter(String id, String costLabel, StepFormat costFormat, String metricLabel,
                                 List<ScatterPoint> points, List<ScatterPoint> others, List<Pareto.Point> front) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        XYErrorRenderer dots = new XYErrorRenderer();
        dots.setDefaultLinesVisible(false);
        dots.setDrawOutlines(false);
        dots.setCapLength(6);
        dots.setErrorStroke(new BasicStroke(1.5f));
        for (int i = 0; i < points.size(); i++) {
            ScatterPoint p = points.get(i);
            YIntervalSeries s = new YIntervalSeries(p.name());
            s.add(p.cost(), p.mean(), p.ciLow(), p.ciHigh());
            data.addSeries(s);
            dots.setSeriesPaint(i, PALETTE[p.colorIndex() % PALETTE.length]);
            dots.setSeriesShape(i, new Ellipse2D.Double(-5, -5, 10, 10));
        }
        List<ScatterPoint> all = new ArrayList<>(points);
        all.addAll(others);
        double min = all.stream().mapToDouble(ScatterPoint::cost).min().orElse(1);
        double max = all.stream().mapToDouble(ScatterPoint::cost).max().orElse(1);
        ValueAxis x;
        if (min > 0 && max / min > 20) {
            LogAxis log = new LogAxis(costLabel);
            log.setNumberFormatOverride(tickFormat(log, costFormat));
            log.setLowerBound(min / 1.6);
            log.setUpperBound(max * 1.6);
            x = log;
        } else {
            NumberAxis lin = new NumberAxis(costLabel);
            lin.setNumberFormatOverride(tickFormat(lin, costFormat));
            lin.setAutoRangeIncludesZero(false);
            lin.setLowerMargin(0.12);
            lin.setUpperMargin(0.12);
            if (max - min <= 1e-9 * Math.max(1, Math.abs(max))) {
                // every variant has the same cost (e.g. only the loss differs): JFreeChart would span a near-zero
                // range whose ticks all print as the same value; a ±5% window shows the one value among distinct ticks
                double half = Math.max(Math.abs(max) * 0.05, 1);
                lin.setRange(min - half, max + half);
            }
            x = lin;
        }
        NumberAxis y = valueAxis(metricLabel);
        y.setLowerMargin(0.1);
        y.setUpperMargin(0.1);
        XYPlot plot = new XYPlot(data, x, y, dots);

        XYSeries frontSeries = new XYSeries("Pareto front", false);
        front.forEach(p -> frontSeries.add(p.cost(), p.metric()));
        XYLineAndShapeRenderer frontLine = new XYLineAndShapeRenderer(true, false);
        frontLine.setSeriesPaint(0, MUTED);
        frontLine.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                new float[]{6f, 4f}, 0f));
        plot.setDataset(1, new XYSeriesCollection(frontSeries));
        plot.setRenderer(1, frontLine);
        if (!others.isEmpty()) {
            XYSeries rest = new XYSeries(others.size() + " other variant" + (others.size() == 1 ? "" : "s"), false);
            others.forEach(p -> rest.add(p.cost(), p.mean()));
            XYLineAndShapeRenderer restDots = new XYLineAndShapeRenderer(false, true);
            restDots.setDrawOutlines(false);
            restDots.setSeriesPaint(0, PALETTE[OTHERS_COLOR]);
            restDots.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
            plot.setDataset(2, new XYSeriesCollection(rest));
            plot.setRenderer(2, restDots);
        }
        return render(chart(plot, true), id, WIDTH, HEIGHT, false);
    }

    /** One line per variant against the curve's x axis (epochs 1..N unless the task declared one). */
    public static String curves(String id, String metricLabel, List<String> names, List<Integer> colorIndices,
                                List<List<Double>> series, CurveAxis axis) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, series.stream().allMatch(s -> s.size() <= 30));
        lines.setDrawOutlines(false);
        for (int i = 0; i < names.size(); i++) {
            data.addSeries(series(names.get(i), series.get(i), axis));
            lines.setSeriesPaint(i, PALETTE[colorIndices.get(i) % PALETTE.length]);
            lines.setSeriesStroke(i, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            lines.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        XYPlot plot = new XYPlot(data, xAxis(axis), valueAxis(metricLabel), lines);
        return render(chart(plot, true), id, WIDTH, HEIGHT, false);
    }

    /** Points at the axis' x values; those beyond the axis are left out (a declared axis matches its curve). */
    private static XYSeries series(String name, List<Double> values, CurveAxis axis) {
        XYSeries s = new XYSeries(name, false);
        for (int i = 0; i < Math.min(values.size(), axis.values().size()); i++) {
            Double v = values.get(i);
            s.add(axis.x(i), v != null && Double.isFinite(v) ? v : null);
        }
        return s;
    }

    /**
     * Epochs: whole-number ticks; a declared axis: its label, on a log scale when its values span a wide range, with
     * a tick at each value when there are at most {@value #TICK_EACH_VALUE} (as {@link LineChartSvg}'s).
     */
    private static ValueAxis xAxis(CurveAxis axis) {
        if (axis.log()) {
            LogAxis log = axis.values().size() > TICK_EACH_VALUE ? new LogAxis(axis.label()) : new LogAxis(axis.label()) {
                @Override
                public List<ValueTick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D area, RectangleEdge edge) {
                    return axis.values().stream().<ValueTick>map(v -> new NumberTick(TickType.MAJOR, v, Format.tick(v),
                            TextAnchor.TOP_CENTER, TextAnchor.CENTER, 0)).toList();
                }
            };
            log.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // else ticks at powers of ten
            log.setNumberFormatOverride(tickFormat(Format::tick));
            log.setLowerBound(axis.min() / 1.3);
            log.setUpperBound(axis.max() * 1.3);
            return log;
        }
        NumberAxis x = new NumberAxis(axis.label());
        if (!axis.declared()) {
            x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        } else {
            x.setNumberFormatOverride(tickFormat(x, Format::tick));
        }
        x.setAutoRangeIncludesZero(false);
        return x;
    }

    private static NumberAxis valueAxis(String label) {
        NumberAxis y = new NumberAxis(label);
        y.setAutoRangeIncludesZero(false);
        y.setNumberFormatOverride(tickFormat(y, Format::tick));
        return y;
    }

    private static JFreeChart chart(XYPlot plot, boolean legend) {
        style(plot);
        JFreeChart chart = new JFreeChart(null, LABEL, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setPadding(new RectangleInsets(8, 4, 4, 12));
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setPosition(RectangleEdge.BOTTOM);
            l.setItemFont(LABEL);
            l.setItemPaint(INK);
            l.setFrame(org.jfree.chart.block.BlockBorder.NONE);
            l.setBackgroundPaint(Color.WHITE);
        }
        return chart;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        for (ValueAxis a : new ValueAxis[]{plot.getDomainAxis(), plot.getRangeAxis()}) {
            if (a != null) {
                a.setLabelFont(LABEL);
                a.setLabelPaint(INK);
                a.setTickLabelFont(TICK);
                a.setTickLabelPaint(MUTED);
                a.setAxisLinePaint(GRID);
                a.setTickMarkPaint(GRID);
            }
        }
    }

    /**
     * Draws the chart as an {@code <svg>} element with a viewBox; without fixed dimensions it scales to its
     * container (inline use), with them it stands alone as a file.
     */
    static String render(JFreeChart chart, String id, int width, int height, boolean dimensions) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(id + "-");
        g.setGeomDoubleConverter(Charts::coordinate);
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGElement(id, dimensions, new ViewBox(0, 0, width, height), null, null);
    }

    /** A coordinate rounded to 1/100 of a unit, the precision a screen needs: keeps the SVG small. */
    static String coordinate(double v) {
        long hundredths = Math.round(v * 100);
        long abs = Math.abs(hundredths);
        String whole = (hundredths < 0 ? "-" : "") + abs / 100;
        long fraction = abs % 100;
        if (fraction == 0) {
            return whole;
        }
        return whole + (fraction % 10 == 0 ? "." + fraction / 10 : fraction < 10 ? ".0" + fraction : "." + fraction);
    }

    /** A tick label from the value and the distance between ticks (e.g. {@link Format#count(double, double)}). */
    public interface StepFormat {
        String format(double value, double step);
    }

    /**
     * Formats the ticks of {@code axis} with the step between them, read when the labels are drawn (after the axis has
     * chosen its tick unit), so neighbouring labels get the precision to differ; a log axis has no fixed step.
     */
    static NumberFormat tickFormat(ValueAxis axis, StepFormat f) {
        return tickFormat(v -> f.format(v, axis instanceof NumberAxis n && n.getTickUnit() != null
                ? n.getTickUnit().getSize() : Double.NaN));
    }

    /** Formats axis ticks with a function of the value (e.g. {@link Format#count}). */
    public static NumberFormat tickFormat(java.util.function.DoubleFunction<String> f) {
        return new NumberFormat() {
            @Override
            public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
                return to.append(f.apply(number));
            }

            @Override
            public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
                return to.append(f.apply(number));
            }

            @Override
            public Number parse(String source, ParsePosition pos) {
                throw new UnsupportedOperationException("display only");
            }
        };
    }
}
