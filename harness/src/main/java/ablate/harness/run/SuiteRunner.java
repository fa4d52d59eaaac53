package ablate.harness.run;

import ablate.harness.plan.Plan;
import ablate.harness.plan.Trial;
import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.DivergedException;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.Task;
import ablate.harness.spi.TrialContext;
import ablate.harness.spi.TrialOutcome;
import ablate.results.Cost;
import ablate.results.Provenance;
import ablate.results.ResultsStore;
import ablate.results.Status;
import ablate.results.TrialResult;
import ai.djl.Device;
import ai.djl.engine.Engine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs a plan's trials, each isolated in its own thread with its own timeout: an exception fails that trial,
 * a non-finite loss marks it diverged, a timeout marks it timed out; the suite goes on. Each result is written
 * to the results directory as soon as the trial ends, so a killed run loses only the trials in flight.
 */
public final class SuiteRunner {
    private static final Object SEED_LOCK = new Object();
    private static final long GRACE_MILLIS = 3_000;

    private final Task task;
    private final Plan plan;
    private final RunOptions options;
    private final Device device;
    private final Path dataDir;
    private final PrintStream out;

    public SuiteRunner(Task task, Plan plan, RunOptions options, Device device, Path dataDir, PrintStream out) {
        this.task = task;
        this.plan = plan;
        this.options = options;
        this.device = device;
        this.dataDir = dataDir;
        this.out = out;
    }

    /** Runs the pending trials and returns every result of the plan (earlier ones included when resuming). */
    public List<TrialResult> run() throws InterruptedException {
        ResultsStore store = new ResultsStore(options.out());
        store.writeSuite(plan.info());
        List<Trial> mine = Shards.select(plan.trials(), options.shard());
        setAsideStale(store, plan.trials().stream().map(Trial::id).collect(Collectors.toSet()));
        List<Trial> pending = new ArrayList<>();
        for (Trial t : mine) {
            if (!(options.resume() && store.find(t.id()).isPresent())) {
                pending.add(t);
            }
        }
        int skipped = mine.size() - pending.size();
        if (!options.quiet()) {
            out.printf("Suite '%s': %d variants × %d seeds = %d trials%s%s on %s, %d at a time.%n",
                    plan.suite().name(), plan.variants().size(), plan.suite().seeds().size(), plan.trials().size(),
                    mine.size() < plan.trials().size() ? " (shard " + options.shard() + ": " + mine.size() + ")" : "",
                    skipped > 0 ? ", " + skipped + " already done (--resume)" : "", device, options.jobs());
        }
        try (Progress progress = Progress.create(pending.size(), plan.suite().budget().epochs(), options.quiet(), out)) {
            ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), r -> {
                Thread th = new Thread(r, "ablate-worker");
                th.setDaemon(true);
                return th;
            });
            List<Future<TrialResult>> futures = new ArrayList<>();
            for (Trial t : pending) {
                futures.add(pool.submit(() -> {
                    TrialResult r = execute(t, progress);
                    store.write(r);
                    progress.finished(t, r);
                    return r;
                }));
            }
            pool.shutdown();
            for (Future<TrialResult> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("could not record a trial: " + e.getCause(), e.getCause());
                }
            }
        }
        return store.readAll().stream().filter(r -> mine.stream().anyMatch(t -> t.id().equals(r.id()))).toList();
    }

    /** Runs one trial in its own thread, bounded by the suite's timeout. */
    TrialResult execute(Trial trial, Progress progress) throws InterruptedException {
        Context ctx = new Context(trial, progress);
        AtomicReference<TrialOutcome> outcome = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Thread worker = new Thread(() -> {
            try {
                outcome.set(task.run(ctx));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "trial-" + trial.variant() + "-" + trial.seed());
        worker.setDaemon(true);
        PeakMemory.reset();
        worker.start();
        worker.join(plan.suite().timeout().toMillis());
        boolean timedOut = worker.isAlive();
        if (timedOut) {
            ctx.cancelled = true;
            worker.interrupt();
            worker.join(GRACE_MILLIS);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long peak = PeakMemory.bytes();
        TrialOutcome o = outcome.get();
        Status status;
        String error = null;
        if (timedOut) {
            status = Status.TIMED_OUT;
            error = "exceeded the suite's timeout of " + human(plan.suite().timeout().toMillis())
                    + (ctx.lastEpoch > 0 ? " after epoch " + ctx.lastEpoch : " before its first epoch ended")
                    + (worker.isAlive() ? "; its thread did not stop and was abandoned" : "");
            o = null;
        } else if (failure.get() != null) {
            Throwable e = failure.get();
            status = e instanceof DivergedException ? Status.DIVERGED : Status.FAILED;
            error = oneLine(e);
        } else if (o == null) {
            status = Status.FAILED;
            error = "the task returned no outcome";
        } else {
            status = Status.PASSED;
        }
        Map<String, Object> artifacts = new java.util.LinkedHashMap<>(o == null ? Map.of() : o.artifacts());
        Object dataSource = artifacts.remove("dataSource");
        Cost cost = o == null ? Cost.NONE : o.cost();
        if (cost.peakMemoryBytes() < 0) {
            cost = new Cost(cost.trainableParams(), cost.totalParams(), cost.macsPerSample(), cost.trainSeconds(),
                    cost.latencyMedianMs(), cost.latencyP95Ms(), peak);
        }
        Provenance provenance = ProvenanceProbe.collect(device, dataSource == null ? "" : dataSource.toString());
        return new TrialResult(trial.id(), trial.variant(), trial.seed(), trial.config(), status, error,
                o == null ? Map.of() : o.metrics(),
                o == null ? ctx.lossCurve() : o.curves(), cost, artifacts, provenance, started.toString(), wall);
    }

    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("").trim();
        String type = root.getClass().getSimpleName();
        return root instanceof DivergedException ? msg : msg.isEmpty() ? type : type + ": " + msg;
    }

    private static String human(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Trials from an older version of the suite are moved to {@code stale/}, never deleted. */
    private static void setAsideStale(ResultsStore store, Set<String> planned) {
        if (!Files.isDirectory(store.trialsDir())) {
            return;
        }
        try (var files = Files.list(store.trialsDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                String id = f.getFileName().toString().replace(".json", "");
                if (!planned.contains(id)) {
                    Path stale = store.root().resolve("stale");
                    Files.createDirectories(stale);
                    Files.move(f, stale.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The harness side of a running trial. */
    private final class Context implements TrialContext {
        private final Trial trial;
        private final Progress progress;
        private final List<Double> losses = new ArrayList<>();
        volatile boolean cancelled;
        volatile int lastEpoch;

        Context(Trial trial, Progress progress) {
            this.trial = trial;
            this.progress = progress;
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
            progress.epoch(trial, epoch, epochs, loss);
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
}
