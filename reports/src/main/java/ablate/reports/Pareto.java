package ablate.reports;

import java.util.Comparator;
import java.util.List;

/** The Pareto front of variants trading a cost (lower is better) against a metric. */
public final class Pareto {
    private Pareto() {
    }

    /** A variant as a point: its cost and its metric mean. */
    public record Point(String name, double cost, double metric) {
    }

    /**
     * The points no other point dominates (no higher cost, no worse metric, and better in one of them),
     * sorted by cost. Points with a non-finite coordinate take no part.
     */
    public static List<Point> front(List<Point> points, boolean lowerMetricIsBetter) {
        List<Point> valid = points.stream().filter(p -> Double.isFinite(p.cost()) && Double.isFinite(p.metric())).toList();
        int sign = lowerMetricIsBetter ? -1 : 1;
        return valid.stream()
                .filter(p -> valid.stream().noneMatch(q -> q != p && q.cost() <= p.cost()
                        && sign * q.metric() >= sign * p.metric()
                        && (q.cost() < p.cost() || sign * q.metric() > sign * p.metric())))
                .sorted(Comparator.comparingDouble(Point::cost).thenComparingDouble(p -> sign * p.metric()))
                .toList();
    }
}
