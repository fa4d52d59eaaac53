package ablate.reports;

import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;

import java.util.List;
import java.util.Map;

/**
 * Everything the analysis found for one variant.
 *
 * @param name       variant name
 * @param definition the suite's definition (slots, claims); an empty one for trials of a variant the suite no longer lists
 * @param baseline   whether this is the suite's baseline
 * @param trials     all its trials, any status, sorted by seed
 * @param passed     the passed trials the statistics use, one per seed
 * @param metrics    metric name → statistics, for every metric of the analysis the variant has values for
 * @param cost       cost over the passed trials, null when none passed
 * @param curves     curve name → mean over passed seeds per epoch (NaN where no seed has a finite value)
 */
public record VariantAnalysis(String name, SuiteInfo.Variant definition, boolean baseline, List<TrialResult> trials,
                              List<TrialResult> passed, Map<String, MetricStats> metrics, CostSummary cost,
                              Map<String, List<Double>> curves) {

    public MetricStats metric(String metric) {
        return metrics.get(metric);
    }

    /**
     * Why none of its trials passed, e.g. {@code no trial passed (2 failed, 1 diverged)}, or {@code no trial ran}; empty
     * when one passed.
     */
    public String notPassedReason() {
        if (!passed.isEmpty()) {
            return "";
        }
        if (trials.isEmpty()) {
            return "no trial ran";
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (Status s : Status.values()) {
            long n = trials.stream().filter(t -> t.status() == s).count();
            if (s != Status.PASSED && n > 0) {
                parts.add(n + " " + s.label());
            }
        }
        return "no trial passed (" + String.join(", ", parts) + ")";
    }

    public long failedCount() {
        return trials.stream().filter(t -> t.status() != Status.PASSED).count();
    }
}
