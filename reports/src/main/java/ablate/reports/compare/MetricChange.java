package ablate.reports.compare;

import ablate.results.Direction;

/**
 * One variant's metric compared between a base and a new run.
 *
 * @param variant    variant name
 * @param metric     metric name
 * @param direction  which way the metric improves
 * @param base       base run's values
 * @param head       new run's values
 * @param paired     true: differences over common seeds (paired t); false: Welch's unpaired t
 * @param n          pairs (paired) or the smaller sample size (unpaired)
 * @param note       how the comparison was made, for humans ("paired over seeds 1,2,3", "unpaired: seeds differ")
 * @param difference mean of new − base
 * @param ciLow      95% CI of new − base, low end
 * @param ciHigh     95% CI of new − base, high end
 * @param p          two-sided p-value, NaN when it cannot be computed
 * @param pHolm      p after Holm's correction over every change compared
 * @param tolerance  the largest drop (in the metric's unit, in its worse direction) accepted as no regression
 * @param verdict    the conclusion
 */
public record MetricChange(String variant, String metric, Direction direction, MetricSample base, MetricSample head,
                           boolean paired, int n, String note, double difference, double ciLow, double ciHigh,
                           double p, double pHolm, double tolerance, Verdict verdict) {

    /** The change in the metric's worse direction (positive = worse); for NONE metrics, the plain difference. */
    public double drop() {
        return direction == Direction.LOWER ? difference : -difference;
    }
}
