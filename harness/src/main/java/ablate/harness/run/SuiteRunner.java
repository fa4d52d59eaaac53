package ablate.harness.run;

import ablate.harness.plan.Plan;
import ablate.harness.plan.Trial;
import ablate.harness.spi.Task;
import ablate.results.ResultsStore;
import ablate.results.Status;
import ablate.results.TrialResult;
import ai.djl.Device;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Runs a plan's trials, {@code --jobs} at a time, each in a process of its own ({@link ProcessRunner}) or, with
 * {@code --in-process}, in a thread of this JVM ({@link InProcessRunner}). A failing trial fails alone and the
 * suite goes on. Each result is written to the results directory as soon as the trial ends, so a killed run
 * loses only the trials in flight, and Ctrl-C says what finished and how to resume.
 */
public final class SuiteRunner {
    /** Trial processes start within this (JVM, discovery, suite); the suite's timeout counts from the trial's start. */
    private static final long STARTUP_MILLIS = Duration.ofMinutes(2).toMillis();

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
        List<Trial> mine = Shards.select(plan.trials(), options.shard(), task);
        int stale = setAsideStale(store, plan.trials().stream().map(Trial::id).collect(Collectors.toSet()));
        if (stale > 0) {
            out.printf("Note: %s held %d trial result%s of another suite or an older version of this one: moved to %s"
                            + " (not deleted).%n", store.trialsDir(), stale, stale == 1 ? "" : "s",
                    store.root().resolve("stale"));
        }
        List<Trial> pending = new ArrayList<>();
        int retried = 0;
        for (Trial t : mine) {
            var earlier = options.resume() ? store.find(t.id()) : java.util.Optional.<TrialResult>empty();
            if (earlier.isEmpty()) {
                pending.add(t);
            } else if (options.retryFailed() && earlier.get().status() != Status.PASSED) {
                pending.add(t);
                retried++;
            }
        }
        int skipped = mine.size() - pending.size();
        if (!options.quiet()) {
            out.printf("Suite '%s': %d variants × %d seeds = %d trials%s%s%s on %s, %d at a time, %s.%n",
                    plan.suite().name(), plan.variants().size(), plan.suite().seeds().size(), plan.trials().size(),
                    mine.size() < plan.trials().size() ? " (shard " + options.shard() + ": " + mine.size() + ")" : "",
                    skipped > 0 ? ", " + skipped + " already done (--resume)" : "",
                    retried > 0 ? ", " + retried + " failed before and run again (--retry-failed)" : "",
                    device, options.jobs(), options.inProcess() ? "in this process (--in-process)"
                            : "each in its own process (memory limit " + MemorySize.human(options.trialMemory()) + ")");
        }
        TrialRunner runner = options.inProcess()
                ? new InProcessRunner(task, plan, device, dataDir, options.out())
                : new ProcessRunner(new ProcessLauncher(plan.suite().file(), options.out(), device, dataDir,
                options.trialMemory(), STARTUP_MILLIS), plan, device, Boolean.getBoolean("ablate.reuseProcesses"));
        Interruption interruption = new Interruption(runner, store, mine, options, plan, out);
        Runtime.getRuntime().addShutdownHook(interruption);
        try (Progress progress = Progress.create(pending, plan.suite().budget().epochs(), options.quiet(), out);
             runner) {
            ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), r -> {
                Thread th = new Thread(r, "ablate-worker");
                th.setDaemon(true);
                return th;
            });
            List<Future<TrialResult>> futures = new ArrayList<>();
            for (Trial t : pending) {
                futures.add(pool.submit(() -> {
                    interruption.started(t);
                    progress.started(t);
                    TrialResult r = runner.run(t, progress);
                    store.write(r);
                    interruption.finished(t);
                    progress.finished(t, r);
                    return r;
                }));
            }
            pool.shutdown();
            for (Future<TrialResult> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof CancellationException) {
                        interruption.awaitExit();
                    }
                    throw new IllegalStateException("could not run or record a trial: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interruption);
            } catch (IllegalStateException exiting) {
                // the JVM is already shutting down: the hook is running
            }
        }
        return store.readAll().stream().filter(r -> mine.stream().anyMatch(t -> t.id().equals(r.id()))).toList();
    }

    /** Trials from another suite or an older version of this one are moved to {@code stale/}, never deleted. */
    private static int setAsideStale(ResultsStore store, Set<String> planned) {
        if (!Files.isDirectory(store.trialsDir())) {
            return 0;
        }
        int moved = 0;
        try (var files = Files.list(store.trialsDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                String id = f.getFileName().toString().replace(".json", "");
                if (!planned.contains(id)) {
                    Path stale = store.root().resolve("stale");
                    Files.createDirectories(stale);
                    Files.move(f, stale.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    moved++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return moved;
    }
}
