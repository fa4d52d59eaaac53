package ablate.metrics.stats;

/** A two-sided confidence interval [low, high] at the given level. */
public record Interval(double low, double high, double level) {
}
