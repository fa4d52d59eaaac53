package ablate.plugins.modelselection;

import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.TrialContext;
import ai.djl.Device;
import ai.djl.engine.Engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A trial context for tests: one criterion, the given options and budget, seeded as the harness seeds; shares work
 * through {@code cacheDir} as the harness's results cache where one is given (null: memory only).
 */
record StubContext(long seed, CriterionPlugin criterion, DatasetSpec dataset, Budget budget,
                   Map<String, Object> options, Path cacheDir) implements TrialContext {

    static final DatasetSpec SYNTHETIC = new DatasetSpec(ModelSelectionTask.SYNTHETIC, "auto", 0, 0, Map.of());

    StubContext(long seed, CriterionPlugin criterion, DatasetSpec dataset, Budget budget, Map<String, Object> options) {
        this(seed, criterion, dataset, budget, options, null);
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Plugin> Bound<T> slot(String name, Class<T> type) {
        if (!name.equals(CriterionPlugin.SLOT)) {
            throw new IllegalArgumentException("no slot " + name);
        }
        return new Bound<>((T) criterion, Params.defaults(criterion.info()));
    }

    @Override
    public Path dataDir() {
        return null;
    }

    @Override
    public void progress(int epoch, int epochs, double loss) {
        if (!Double.isFinite(loss)) {
            throw new AssertionError("non-finite loss " + loss);
        }
    }

    @Override
    public void checkCancelled() {
    }

    @Override
    public <T> T seeded(Supplier<T> action) {
        synchronized (StubContext.class) {
            Engine.getInstance().setRandomSeed((int) seed);
            return action.get();
        }
    }
}
