package ablate.reports;

import ablate.metrics.stats.Summary;
import ablate.metrics.stats.TestResult;

/**
 * A variant against the baseline on one metric, over the seeds where both passed.
 *
 * @param pairs         number of paired seeds
 * @param difference    mean, sd and 95% CI of {@code variant - baseline} over those seeds
 * @param pairedT       paired t-test (unadjusted)
 * @param wilcoxon      Wilcoxon signed-rank test (unadjusted)
 * @param pHolm         paired-t p-value, Holm-adjusted across the suite's non-baseline variants on this metric
 * @param pHolmWilcoxon Wilcoxon p-value, Holm-adjusted the same way
 */
public record Comparison(int pairs, Summary difference, TestResult pairedT, TestResult wilcoxon, double pHolm,
                         double pHolmWilcoxon) {

    public static final double ALPHA = 0.05;

    public boolean significant() {
        return pHolm < ALPHA;
    }

    /** {@code ***} below 0.001, {@code **} below 0.01, {@code *} below 0.05, {@code n.s.} otherwise, empty if untested. */
    public String mark() {
        if (Double.isNaN(pHolm)) {
            return "";
        }
        return pHolm < 0.001 ? "***" : pHolm < 0.01 ? "**" : pHolm < ALPHA ? "*" : "n.s.";
    }
}
