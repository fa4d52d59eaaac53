package ablate.metrics.stats;

/** A hypothesis test's statistic and two-sided p-value (NaN when the test is undefined for the data). */
public record TestResult(String test, double statistic, double pValue) {
}
