package ablate.reports;

import ablate.metrics.stats.Summary;

/**
 * A variant's cost over its passed trials. Counts are the median over seeds (they rarely differ),
 * times are summaries over seeds, peak memory is the largest seen (-1 when never measured).
 */
public record CostSummary(long trainableParams, long totalParams, long macsPerSample, Summary trainSeconds,
                          Summary latencyMedianMs, Summary latencyP95Ms, long peakMemoryBytes) {
}
