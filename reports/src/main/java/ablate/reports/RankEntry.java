package ablate.reports;

import ablate.metrics.stats.Summary;

import java.util.List;

/**
 * A place in the ranking by the suite's primary metric.
 *
 * @param rank         1 = best mean
 * @param variant      variant name
 * @param summary      primary-metric summary
 * @param overlapsWith variants whose 95% CI overlaps this one's: the order between them is not significant
 */
public record RankEntry(int rank, String variant, Summary summary, List<String> overlapsWith) {
    public boolean separated() {
        return overlapsWith.isEmpty();
    }
}
