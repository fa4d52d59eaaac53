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
     * Checks one planned variant's plugins, alone or against the suite's data, after {@link #prepare} and before
     * any trial runs (a super-resolution model's receptive field against the smallest image; a LoRA target the
     * fine-tuning backbone lacks), so a setting that only some variants cannot handle stops the run with one clear
     * error instead of failing their trials after expensive shared work. Called once per variant with its slots
     * (slot name to plugin and parameters); same error contract as {@link #prepare}.
     */
    default void prepareVariant(DatasetSpec dataset, java.util.Map<String, Object> options, java.nio.file.Path dataDir,
                                Map<String, TrialContext.Bound<? extends Plugin>> slots) {
    }

    TrialOutcome run(TrialContext context) throws Exception;

    /**
     * Trials whose keys are equal share expensive work (a detector trained once per seed, model-selection fits), so
     * {@code --shard} keeps them in one shard instead of computing that work again in several. {@code config} is the
     * trial's configuration (what its id hashes: task, dataset, budget, options, slots, seed). The default, the
     * configuration itself, shares nothing.
     */
    default Object shareKey(Map<String, Object> config) {
        return config;
    }

    /** {@code config} without the given slots: the key of trials that differ only in cheap slots. */
    static Map<String, Object> withoutSlots(Map<String, Object> config, String... slots) {
        Map<String, Object> key = new java.util.TreeMap<>(config);
        @SuppressWarnings("unchecked")
        Map<String, Object> kept = new java.util.TreeMap<>((Map<String, Object>) config.get("slots"));
        for (String s : slots) {
            kept.remove(s);
        }
        key.put("slots", kept);
        return key;
    }
}
