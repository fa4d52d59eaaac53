package ablate.harness.spi;

import ablate.results.Direction;

import java.util.List;
import java.util.Map;

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

    /** Metric the report ranks variants by, in the direction {@link #metrics()} declares for it. */
    String primaryMetric();

    /**
     * Every metric {@link #run} records, with the direction in which it improves. Abstract, so a task cannot forget
     * it: the report colours a significant difference green or red by it, and a metric missing here is shown
     * uncoloured and flagged. A recorded name {@code m@condition} (the same figure under a condition, e.g.
     * {@code mAP@crowding=0.5}) follows the declaration of {@code m}.
     */
    Map<String, Direction> metrics();

    /**
     * Checks (and may cache) the suite's dataset and task options before any trial runs, so bad settings stop
     * the run with one clear error instead of failing every trial. Throw IllegalArgumentException or a
     * RuntimeException whose message names the problem.
     */
    default void prepare(DatasetSpec dataset, java.util.Map<String, Object> options, java.nio.file.Path dataDir) {
    }

    /**
     * Checks one planned variant's plugins against the suite's data, after {@link #prepare} and before any trial
     * runs (e.g. a model's receptive field against the smallest image), so a setting that only some variants cannot
     * handle stops the run with one clear error instead of failing their trials. Called once per variant with its
     * slots (slot name to plugin and parameters); same error contract as {@link #prepare}.
     */
    default void prepareVariant(DatasetSpec dataset, java.util.Map<String, Object> options, java.nio.file.Path dataDir,
                                java.util.Map<String, TrialContext.Bound<Plugin>> slots) {
    }

    TrialOutcome run(TrialContext context) throws Exception;
}
