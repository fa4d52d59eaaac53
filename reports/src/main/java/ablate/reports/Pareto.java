package ablate.reports;

import java.util.Comparator;
import java.util.List;

/**
 * The Pareto front of variants trading a cost (lower is better) against a metric. A measured cost (latency) comes
 * with its noise: two costs closer than the larger of their two noises count as equal, so a variant earns its place
 * on the front by being cheaper only when the saving exceeds the spread of the measurements.
 */
public final class Pareto {
    private Pareto() {
    }

    /**
     * A variant as a point: its cost, its metric mean and the noise of the cost (0 for an exact count such as
     * parameters).
     */
    public record Point(String name, double cost, double metric, double noise) {
        public Point(String name, double cost, double metric) {
            this(name, cost, metric, 0);
        }
    }

    /**
     * The points no other point dominates (not noticeably dearer, no worse metric, and noticeably cheaper or better),
     * sorted by cost. Points with a non-finite coordinate take no part.
     */
    public static List<Point> front(List<Point> points, boolean lowerMetricIsBetter) {
        List<Point> valid = points.stream().filter(p -> Double.isFinite(p.cost()) && Double.isFinite(p.metric())).toList();
        int sign = lowerMetricIsBetter ? -1 : 1;
        return valid.stream()
                .filter(p -> valid.stream().noneMatch(q -> q != p && dominates(q, p, sign)))
                .sorted(Comparator.comparingDouble(Point::cost).thenComparingDouble(p -> sign * p.metric()))
                .toList();
    }

    private static boolean dominates(Point q, Point p, int sign) {
        double noise = Math.max(noise(q), noise(p));
        boolean notDearer = q.cost() <= p.cost() + noise;
        boolean cheaper = q.cost() < p.cost() - noise;
        boolean better = sign * q.metric() > sign * p.metric();
        return notDearer && sign * q.metric() >= sign * p.metric() && (cheaper || better);
    }

    private static double noise(Point p) {
        return Double.isFinite(p.noise()) && p.noise() > 0 ? p.noise() : 0;
    }
}
