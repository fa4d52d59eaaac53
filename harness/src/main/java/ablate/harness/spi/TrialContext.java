package ablate.harness.spi;

import ai.djl.Device;

import java.nio.file.Path;
import java.util.Map;

/** Everything a task needs to run one trial, handed in by the harness. */
public interface TrialContext {
    long seed();

    /** The device every array of this trial lives on. */
    Device device();

    Budget budget();

    DatasetSpec dataset();

    /** The plugin chosen for a slot, with its resolved parameters. */
    <T extends Plugin> Bound<T> slot(String name, Class<T> type);

    /** Task-level options from the suite's {@code options:} map (raw YAML scalars). */
    Map<String, Object> options();

    /** Where to look for dataset files: {@code --data-dir}, {@code $ABLATE_DATA}, then system locations. */
    Path dataDir();

    /**
     * Reports progress after an epoch (or any step worth showing). Throws {@link DivergedException} on a
     * non-finite loss and {@link java.util.concurrent.CancellationException} once the trial timed out.
     */
    void progress(int epoch, int epochs, double loss);

    /** Throws {@link java.util.concurrent.CancellationException} once the trial timed out or the run stops. */
    void checkCancelled();

    /**
     * Runs {@code action} (e.g. parameter initialisation) with the engine's global random generator seeded from
     * {@link #seed()}, holding a process-wide lock so that trials running in parallel stay deterministic.
     */
    <T> T seeded(java.util.function.Supplier<T> action);

    /**
     * A directory shared by every trial of this results directory (across trial processes, shards run into the
     * same directory, and {@code --resume}), for work computed once and reused: key files by a hash of everything
     * the work depends on. Null where the harness offers none (then compute in memory).
     */
    default Path cacheDir() {
        return null;
    }

    /** A plugin with its resolved parameters. */
    record Bound<T extends Plugin>(T plugin, Params params) {
    }
}
