package ablate.harness.run;

import ablate.harness.plan.Plan;
import ablate.harness.plan.Trial;
import ablate.harness.spi.DivergedException;
import ablate.harness.spi.Task;
import ablate.harness.spi.TrialOutcome;
import ablate.results.Cost;
import ablate.results.Provenance;
import ablate.results.Status;
import ablate.results.TrialResult;
import ai.djl.Device;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one trial in a thread of this JVM and turns what happened into its {@link TrialResult}: an exception
 * fails it, a non-finite loss marks it diverged, a timeout marks it timed out. Used by the trial processes
 * (which the parent times) and by the in-process mode (which times itself: a trial that ignores the interrupt
 * is abandoned there, the price of that mode).
 */
final class TrialExecutor {
    private static final long GRACE_MILLIS = 3_000;

    private final Task task;
    private final Plan plan;
    private final Device device;
    private final Path dataDir;
    private final Path resultsDir;

    TrialExecutor(Task task, Plan plan, Device device, Path dataDir, Path resultsDir) {
        this.task = task;
        this.plan = plan;
        this.device = device;
        this.dataDir = dataDir;
        this.resultsDir = resultsDir;
    }

    /** Runs {@code trial}; {@code timeoutMillis} 0 waits for it however long it takes. */
    TrialResult execute(Trial trial, EpochListener listener, long timeoutMillis) throws InterruptedException {
        return execute(trial, listener, timeoutMillis, () -> { });
    }

    /** As above; {@code ended} runs as soon as the task returns or throws, before the result is assembled. */
    TrialResult execute(Trial trial, EpochListener listener, long timeoutMillis, Runnable ended)
            throws InterruptedException {
        HarnessContext ctx = new HarnessContext(trial, plan, device, dataDir, resultsDir, listener);
        AtomicReference<TrialOutcome> outcome = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Thread worker = new Thread(() -> {
            try {
                outcome.set(task.run(ctx));
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                ended.run();
            }
        }, "trial-" + trial.variant() + "-" + trial.seed());
        worker.setDaemon(true);
        PeakMemory.reset();
        worker.start();
        worker.join(timeoutMillis);
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
            error = timeoutMessage(plan, ctx.lastEpoch)
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
        Map<String, Object> artifacts = new LinkedHashMap<>(o == null ? Map.of() : o.artifacts());
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

    /** A trial that did not produce its own result (its process was killed or died): what the parent knows. */
    static TrialResult unfinished(Trial trial, Device device, Status status, String error, List<Double> losses,
                                  Instant started, double wallSeconds) {
        return new TrialResult(trial.id(), trial.variant(), trial.seed(), trial.config(), status, error, Map.of(),
                losses.isEmpty() ? Map.of() : Map.of("trainLoss", List.copyOf(losses)), Cost.NONE, Map.of(),
                ProvenanceProbe.collect(device, ""), started.toString(), wallSeconds);
    }

    static String timeoutMessage(Plan plan, int lastEpoch) {
        return "exceeded the suite's timeout of " + human(plan.suite().timeout().toMillis())
                + (lastEpoch > 0 ? " after epoch " + lastEpoch : " before its first epoch ended");
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
}
