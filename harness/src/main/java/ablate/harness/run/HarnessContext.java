package ablate.harness.run;

import ablate.harness.plan.Plan;
import ablate.harness.plan.Trial;
import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.DivergedException;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.TrialContext;
import ai.djl.Device;
import ai.djl.engine.Engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/** The harness side of a running trial, the same in a trial process and in-process. */
final class HarnessContext implements TrialContext {
    /** Seeding the engine's global generator and initialising must not interleave between parallel trials. */
    private static final Object SEED_LOCK = new Object();

    private final Trial trial;
    private final Plan plan;
    private final Device device;
    private final Path dataDir;
    private final Path resultsDir;
    private final EpochListener listener;
    private final List<Double> losses = new ArrayList<>();
    volatile boolean cancelled;
    volatile int lastEpoch;

    HarnessContext(Trial trial, Plan plan, Device device, Path dataDir, Path resultsDir, EpochListener listener) {
        this.trial = trial;
        this.plan = plan;
        this.device = device;
        this.dataDir = dataDir;
        this.resultsDir = resultsDir;
        this.listener = listener;
    }

    @Override
    public long seed() {
        return trial.seed();
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public Budget budget() {
        return plan.suite().budget();
    }

    @Override
    public DatasetSpec dataset() {
        return plan.suite().dataset();
    }

    @Override
    public <T extends Plugin> Bound<T> slot(String name, Class<T> type) {
        Trial.Bound b = trial.slots().get(name);
        if (b == null) {
            throw new IllegalArgumentException("task asked for slot '" + name + "', which the trial does not have");
        }
        return new Bound<>(type.cast(b.plugin()), b.params());
    }

    @Override
    public Map<String, Object> options() {
        return plan.suite().options();
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    /** Created on first use, so results directories of tasks that cache nothing stay as they were. */
    @Override
    public Path cacheDir() {
        Path cache = resultsDir.resolve("cache");
        try {
            return Files.createDirectories(cache);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cache directory " + cache + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void progress(int epoch, int epochs, double loss) {
        checkCancelled();
        lastEpoch = epoch;
        synchronized (losses) {
            losses.add(loss);
        }
        if (!Double.isFinite(loss)) {
            throw new DivergedException("loss became " + loss + " at epoch " + epoch);
        }
        listener.epoch(trial, epoch, epochs, loss);
    }

    @Override
    public void checkCancelled() {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("trial cancelled after its timeout");
        }
    }

    @Override
    public <T> T seeded(Supplier<T> action) {
        synchronized (SEED_LOCK) {
            Engine.getInstance().setRandomSeed((int) trial.seed());
            return action.get();
        }
    }

    Map<String, List<Double>> lossCurve() {
        synchronized (losses) {
            return losses.isEmpty() ? Map.of() : Map.of("trainLoss", List.copyOf(losses));
        }
    }
}
