package ablate.plugins.common;

import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.DivergedException;
import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.TrialContext;
import ai.djl.Device;
import ai.djl.engine.Engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A trial context for the tasks' tests: fixed slots, CPU, no timeout; records the progress calls and, as the
 * harness does, ends the trial as diverged on a non-finite loss.
 */
public final class FixedContext implements TrialContext {
    private static final Object SEED_LOCK = new Object();

    private final long seed;
    private final Budget budget;
    private final DatasetSpec dataset;
    private final Map<String, Object> options;
    private final Map<String, Bound<?>> slots = new HashMap<>();
    /** The losses reported through {@link #progress}, in order. */
    public final List<Double> progress = new ArrayList<>();
    private Path cacheDir;

    public FixedContext(long seed, Budget budget, DatasetSpec dataset) {
        this(seed, budget, dataset, Map.of());
    }

    public FixedContext(long seed, Budget budget, DatasetSpec dataset, Map<String, Object> options) {
        this.seed = seed;
        this.budget = budget;
        this.dataset = dataset;
        this.options = options;
    }

    public FixedContext with(String slot, Plugin plugin, Map<String, Object> params) {
        slots.put(slot, new Bound<>(plugin, Params.resolve(plugin.info(), params)));
        return this;
    }

    /** Shares work through {@code dir} as the harness's results cache (default: none, memory only). */
    public FixedContext withCache(Path dir) {
        cacheDir = dir;
        return this;
    }

    @Override
    public Path cacheDir() {
        return cacheDir;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    @Override
    public Budget budget() {
        return budget;
    }

    @Override
    public DatasetSpec dataset() {
        return dataset;
    }

    @Override
    public <T extends Plugin> Bound<T> slot(String name, Class<T> type) {
        Bound<?> b = slots.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no slot " + name);
        }
        return new Bound<>(type.cast(b.plugin()), b.params());
    }

    @Override
    public Map<String, Object> options() {
        return options;
    }

    @Override
    public Path dataDir() {
        return null;
    }

    @Override
    public void progress(int epoch, int epochs, double loss) {
        progress.add(loss);
        if (!Double.isFinite(loss)) {
            throw new DivergedException("loss " + loss + " at epoch " + epoch);
        }
    }

    @Override
    public void checkCancelled() {
    }

    @Override
    public <T> T seeded(Supplier<T> action) {
        synchronized (SEED_LOCK) {
            Engine.getInstance().setRandomSeed((int) seed);
            return action.get();
        }
    }
}
