package ablate.reports.compare;

import ablate.metrics.stats.Summary;

import java.util.Map;
import java.util.TreeMap;

/**
 * One variant's values of one metric in one run: per seed when the trials were read, else only the summary
 * ({@code summary.json} keeps n, mean and sd, not the seeds), which allows an unpaired comparison only.
 */
public record MetricSample(Map<Long, Double> bySeed, int n, double mean, double sd) {

    public static MetricSample ofSeeds(Map<Long, Double> bySeed) {
        Map<Long, Double> sorted = new TreeMap<>(bySeed);
        Summary s = Summary.of(sorted.values().stream().mapToDouble(Double::doubleValue).toArray());
        return new MetricSample(sorted, s.n(), s.mean(), s.sd());
    }

    public static MetricSample ofSummary(int n, double mean, double sd) {
        return new MetricSample(Map.of(), n, mean, sd);
    }

    public boolean hasSeeds() {
        return !bySeed.isEmpty();
    }
}
