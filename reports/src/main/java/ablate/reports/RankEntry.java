package ablate.reports;

import ablate.metrics.stats.Summary;

import java.util.List;

/**
 * A place in the ranking by the suite's primary metric.
 *
 * @param rank          1 = best mean
 * @param variant       variant name
 * @param summary       primary-metric summary
 * @param overlapsWith  variants whose 95% CI overlaps this one's (descriptive; summary.json's {@code ciOverlapsWith})
 * @param indistinctFrom variants the ranking's test does not tell apart from this one (see {@link PairwiseTests}):
 *                      the order between them is not significant
 */
public record RankEntry(int rank, String variant, Summary summary, List<String> overlapsWith,
                        List<String> indistinctFrom) {
    /** Whether the test tells this variant apart from every other ranked variant. */
    public boolean separated() {
        return indistinctFrom.isEmpty();
    }
}
