package ablate.plugins.segmentation.task;

import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.DivergedException;
import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.TrialContext;
import ai.djl.Device;
import ai.djl.engine.Engine;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** A trial context for the segmentation tests: CPU, no timeout, diverges on a non-finite loss as the harness does. */
final class SegContext implements TrialContext {
    private final long seed;
    private final Budget budget;
    private final DatasetSpec dataset;
    private final Map<String, Object> options;
    private final Map<String, Bound<?>> slots = new HashMap<>();
    private Path cacheDir;

    SegContext(long seed, Budget budget, DatasetSpec dataset, Map<String, Object> options) {
        this.seed = seed;
        this.budget = budget;
        this.dataset = dataset;
        this.options = options;
    }

    SegContext with(String slot, Plugin plugin, Map<String, Object> params) {
        slots.put(slot, new Bound<>(plugin, Params.resolve(plugin.info(), params)));
        return this;
    }

    SegContext withCache(Path dir) {
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
    @SuppressWarnings("unchecked")
    public <T extends Plugin> Bound<T> slot(String name, Class<T> type) {
        Bound<?> b = slots.get(name);
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
        if (!Double.isFinite(loss)) {
            throw new DivergedException("loss " + loss + " at epoch " + epoch);
        }
    }

    @Override
    public void checkCancelled() {
    }

    @Override
    public <T> T seeded(Supplier<T> action) {
        synchronized (SegContext.class) {
            Engine.getInstance().setRandomSeed((int) seed);
            return action.get();
        }
    }
}
