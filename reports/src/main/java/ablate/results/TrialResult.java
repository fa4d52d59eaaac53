package ablate.results;

import java.util.List;
import java.util.Map;

/**
 * One trial (variant × seed), as written to {@code trials/<id>.json}.
 *
 * @param id          hash of the trial's full configuration
 * @param variant     variant name from the suite (the baseline is a variant too)
 * @param seed        the seed
 * @param config      the full resolved configuration that {@code id} hashes
 * @param status      how it ended
 * @param error       one-line cause when not passed, else null
 * @param metrics     scalar metrics
 * @param curves      per-epoch series
 * @param cost        cost figures (zeros when the trial failed before measuring)
 * @param artifacts   task-specific extras for the report
 * @param provenance  environment
 * @param startedAt   ISO-8601 instant
 * @param wallSeconds trial wall time
 */
public record TrialResult(String id, String variant, long seed, Map<String, Object> config, Status status,
                          String error, Map<String, Double> metrics, Map<String, List<Double>> curves, Cost cost,
                          Map<String, Object> artifacts, Provenance provenance, String startedAt,
                          double wallSeconds) {
}
