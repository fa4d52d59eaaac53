package ablate.harness.spi;

import ablate.results.Cost;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a task returns for one trial.
 *
 * @param metrics   scalar metrics by name (e.g. {@code accuracy}, {@code macroF1})
 * @param curves    per-epoch series by name (e.g. {@code trainLoss}, {@code testAccuracy})
 * @param cost      parameters, MACs, time, latency, memory
 * @param artifacts task-specific data for the report (e.g. {@code confusionMatrix} as int[][], class names)
 */
public record TrialOutcome(Map<String, Double> metrics, Map<String, List<Double>> curves, Cost cost,
                           Map<String, Object> artifacts) {
    public TrialOutcome {
        metrics = new LinkedHashMap<>(metrics);
        curves = new LinkedHashMap<>(curves);
        artifacts = new LinkedHashMap<>(artifacts == null ? Map.of() : artifacts);
    }
}
