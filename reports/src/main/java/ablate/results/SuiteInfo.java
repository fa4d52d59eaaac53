package ablate.results;

import java.util.List;
import java.util.Map;

/**
 * The suite as planned, written to {@code suite.json} beside the trials so reports need nothing else.
 *
 * @param name          suite name
 * @param file          suite file path as given
 * @param task          task id
 * @param primaryMetric metric variants are ranked by
 * @param lowerIsBetter metrics where lower is better (kept for readers of older files; {@code metrics} decides)
 * @param baseline      name of the baseline variant
 * @param variants      every variant, baseline first, in suite order
 * @param seeds         the seeds
 * @param dataset       dataset description for the report
 * @param budget        budget as a map for the report
 * @param description   the suite file's {@code description}, empty when it has none
 * @param metrics       every metric the task records, with its direction; null in files written before it existed
 */
public record SuiteInfo(String name, String file, String task, String primaryMetric, List<String> lowerIsBetter,
                        String baseline, List<Variant> variants, List<Long> seeds, Map<String, Object> dataset,
                        Map<String, Object> budget, String description, Map<String, Direction> metrics) {

    /** A suite without a description or metric declarations, as older {@code suite.json} files hold. */
    public SuiteInfo(String name, String file, String task, String primaryMetric, List<String> lowerIsBetter,
                     String baseline, List<Variant> variants, List<Long> seeds, Map<String, Object> dataset,
                     Map<String, Object> budget) {
        this(name, file, task, primaryMetric, lowerIsBetter, baseline, variants, seeds, dataset, budget, "", null);
    }

    /** The same suite declaring every metric's direction (and {@code lowerIsBetter} derived from them). */
    public SuiteInfo withMetrics(Map<String, Direction> declared) {
        List<String> lower = declared.entrySet().stream().filter(e -> e.getValue() == Direction.LOWER)
                .map(Map.Entry::getKey).toList();
        return new SuiteInfo(name, file, task, primaryMetric, lower, baseline, variants, seeds, dataset, budget,
                description, new java.util.LinkedHashMap<>(declared));
    }

    /** The same suite with a description. */
    public SuiteInfo withDescription(String text) {
        return new SuiteInfo(name, file, task, primaryMetric, lowerIsBetter, baseline, variants, seeds, dataset, budget,
                text == null ? "" : text, metrics);
    }

    /**
     * A variant: slot assignments plus the claims its plugins make.
     *
     * @param name   variant name (sweeps expand to e.g. {@code se[reduction=8]})
     * @param slots  slot → plugin id and parameters
     * @param claims claims of the plugins that differ from the baseline
     */
    public record Variant(String name, Map<String, Map<String, Object>> slots, List<ClaimInfo> claims) {
    }

    /** A plugin's claim, as shown in reports. */
    public record ClaimInfo(String pluginId, String metric, String direction, String text) {
    }
}
