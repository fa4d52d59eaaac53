package ablate.reports;

import ablate.metrics.stats.Summary;

/**
 * One variant's figures for one metric.
 *
 * @param summary    n, mean, sd and 95% CI over the passed seeds
 * @param vsBaseline the paired comparison with the baseline; null for the baseline itself
 */
public record MetricStats(Summary summary, Comparison vsBaseline) {
}
