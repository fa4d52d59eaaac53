package ablate.harness.spi;

import java.util.List;

/**
 * A task owns a pipeline: its data, training loop, evaluation and metrics. It exposes slots that plugins fill.
 * One call of {@link #run} is one trial (one variant, one seed); it must be deterministic for a given
 * {@link TrialContext#seed()} and device.
 */
public interface Task {
    /** Id used in suite files, e.g. {@code classification}. */
    String id();

    String summary();

    List<SlotSpec> slots();

    /** Datasets this task accepts in a suite's {@code dataset.name}. */
    List<String> datasets();

    /** Metric the report ranks variants by (higher is better unless listed in {@link #lowerIsBetter()}). */
    String primaryMetric();

    default List<String> lowerIsBetter() {
        return List.of();
    }

    /**
     * Checks (and may cache) the suite's dataset and task options before any trial runs, so bad settings stop
     * the run with one clear error instead of failing every trial. Throw IllegalArgumentException or a
     * RuntimeException whose message names the problem.
     */
    default void prepare(DatasetSpec dataset, java.util.Map<String, Object> options, java.nio.file.Path dataDir) {
    }

    TrialOutcome run(TrialContext context) throws Exception;
}
