package ablate.reports.history;

import java.util.ArrayList;
import java.util.List;

/**
 * One metric's history: a suite's variant on one machine, its points in date order, and the steps found in it.
 *
 * @param suite     suite name
 * @param machine   machine label
 * @param variant   variant name
 * @param metric    metric name
 * @param direction "higher", "lower" or "none"
 * @param runs      the records holding a point, in date order
 * @param points    the points, aligned with {@code runs}
 * @param steps     indices into {@code points} where a new level starts
 */
public record Trend(String suite, String machine, String variant, String metric, String direction,
                    List<HistoryRecord> runs, List<HistoryRecord.Point> points, List<Integer> steps) {

    public static Trend of(String suite, String machine, String variant, String metric, String direction,
                           List<HistoryRecord> runs, List<HistoryRecord.Point> points) {
        double[] x = points.stream().mapToDouble(HistoryRecord.Point::mean).toArray();
        double[] se = points.stream().mapToDouble(HistoryRecord.Point::se).toArray();
        return new Trend(suite, machine, variant, metric, direction, runs, points, ChangePoints.find(x, se));
    }

    /** The fitted level of each segment: [start, end) and its mean. */
    public record Segment(int start, int end, double level) {
    }

    public List<Segment> segments() {
        List<Segment> out = new ArrayList<>();
        List<Integer> bounds = new ArrayList<>(steps);
        bounds.add(0, 0);
        bounds.add(points.size());
        for (int i = 0; i + 1 < bounds.size(); i++) {
            int s = bounds.get(i);
            int e = bounds.get(i + 1);
            out.add(new Segment(s, e, points.subList(s, e).stream().mapToDouble(HistoryRecord.Point::mean).average().orElse(Double.NaN)));
        }
        return out;
    }

    /** True when moving from {@code before} to {@code after} makes this metric worse by its direction. */
    public boolean worse(double before, double after) {
        return direction.equals("lower") ? after > before : direction.equals("higher") && after < before;
    }

    public boolean better(double before, double after) {
        return !direction.equals("none") && !worse(before, after) && after != before;
    }
}
