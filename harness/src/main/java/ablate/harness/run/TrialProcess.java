package ablate.harness.run;

import ablate.harness.plan.Plan;
import ablate.harness.plan.Trial;
import ablate.results.ResultsStore;
import ablate.results.Status;
import ablate.results.TrialResult;
import ai.djl.Device;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One trial process: a JVM running {@link WorkerMain}, seen from the parent. The parent owns the trial's
 * clock and memory: it kills the process (and anything it started) when the trial exceeds the suite's timeout
 * or the per-trial memory limit, and turns a process that died into a failed trial naming the cause and the log.
 * The process's output other than the protocol goes to {@code logs/<trial id>.log}, never to the terminal.
 */
final class TrialProcess implements AutoCloseable {
    private static final String EOF = "\0eof";
    private static final long POLL_MILLIS = 100;

    private final ProcessLauncher launcher;
    private final Plan plan;
    private final Device device;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final Object logLock = new Object();
    private OutputStream log;
    private Path logFile;
    private volatile boolean stopping;
    private Thread errPump;
    private final long launched = System.nanoTime();
    private boolean fresh = true;

    private TrialProcess(ProcessLauncher launcher, Plan plan, Device device, Path firstLog) throws IOException {
        this.launcher = launcher;
        this.plan = plan;
        this.device = device;
        switchLog(firstLog);
        this.process = launcher.start();
        this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        pump(process.getInputStream(), true);
        errPump = pump(process.getErrorStream(), false);
    }

    /** Starts a process whose start-up output goes to the log of the first trial it will run. */
    static TrialProcess start(ProcessLauncher launcher, Plan plan, Device device, Trial first) throws IOException {
        return new TrialProcess(launcher, plan, device, launcher.logFile(first));
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Runs one trial in this process and returns its result; the process is dead afterwards unless the trial
     * passed or failed by itself (then it may run another). Throws CancellationException once {@link #stop} was
     * called: a run being interrupted records nothing for the trials it stopped.
     */
    TrialResult run(Trial trial, Progress progress) throws IOException, InterruptedException {
        switchLog(launcher.logFile(trial));
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<Double> losses = new ArrayList<>();
        int lastEpoch = 0;
        long startupDeadline = t0 + TimeUnit.MILLISECONDS.toNanos(launcher.startupMillis());
        long deadline = Long.MAX_VALUE;
        long lastCheck = 0;
        try {
            stdin.write(trial.id() + "\n");
            stdin.flush();
        } catch (IOException e) {
            // the process died before it could take the trial: reported below from its exit
        }
        while (true) {
            String event = events.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (stopping) {
                throw new CancellationException("run interrupted");
            }
            long now = System.nanoTime();
            double wall = (now - t0) / 1e9;
            // checked on time, not only when the process is quiet: a chatty trial is still bounded
            boolean quiet = event == null;
            if (quiet || (now - lastCheck > TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS) && !event.startsWith("result "))) {
                lastCheck = now;
                long rss = Rss.ofTree(process.toHandle());
                if (rss > launcher.memoryLimitBytes()) {
                    kill();
                    return TrialExecutor.unfinished(trial, device, Status.FAILED, "exceeded the memory limit of "
                            + (launcher.memoryLimitBytes() >> 20) + " MiB (resident " + (rss >> 20)
                            + " MiB; see --trial-memory); its process was killed", losses, started, wall);
                }
                if (now > deadline) {
                    kill();
                    return TrialExecutor.unfinished(trial, device, Status.TIMED_OUT,
                            TrialExecutor.timeoutMessage(plan, lastEpoch) + "; its process was killed",
                            losses, started, wall);
                }
                if (deadline == Long.MAX_VALUE && now > startupDeadline) {
                    kill();
                    return TrialExecutor.unfinished(trial, device, Status.FAILED, "the trial's process did not start"
                            + " within " + launcher.startupMillis() / 1000 + " s; see " + logFile, losses, started, wall);
                }
            }
            if (event == null) {
                continue;
            }
            if (event.equals(EOF)) {
                awaitInterruption();
                return TrialExecutor.unfinished(trial, device, Status.FAILED, died(), losses, started, wall);
            } else if (event.startsWith("start ")) {
                deadline = System.nanoTime() + plan.suite().timeout().toNanos();
                // What a process per trial costs (JVM start, discovery, planning): measured in docs/benchmarks.md.
                writeLog("[ablate] trial process " + process.pid() + (fresh ? " started in " : " reused after ")
                        + (System.nanoTime() - (fresh ? launched : t0)) / 1_000_000 + " ms");
                fresh = false;
            } else if (event.equals("ended")) {
                // the task is done: the clock stops; what is left (the result) is the harness's, bounded apart
                deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(launcher.startupMillis());
            } else if (event.startsWith("epoch ")) {
                String[] f = event.split(" ");
                lastEpoch = Integer.parseInt(f[1]);
                double loss = Double.parseDouble(f[3]);
                losses.add(loss);
                progress.epoch(trial, lastEpoch, Integer.parseInt(f[2]), loss);
            } else if (event.startsWith("result ")) {
                return ResultsStore.JSON.readValue(event.substring("result ".length()), TrialResult.class);
            } else if (event.startsWith("unknown ")) {
                kill();
                return TrialExecutor.unfinished(trial, device, Status.FAILED, "the trial's process did not find this"
                        + " trial in the suite file (was it edited during the run?)", losses, started, wall);
            }
        }
    }

    /**
     * A process that died of SIGINT before it could ignore it (Ctrl-C reaches the whole process group) is part of
     * the run's interruption, whose hook is about to stop this trial: wait for it rather than record a failure.
     */
    private void awaitInterruption() throws InterruptedException {
        if (process.waitFor(2, TimeUnit.SECONDS) && process.exitValue() == 130) {
            for (int i = 0; i < 50 && !stopping; i++) {
                Thread.sleep(100);
            }
            if (stopping) {
                throw new CancellationException("run interrupted");
            }
        }
    }

    /** Why the process ended without a result: a crash names the signal and where its report is. */
    private String died() throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
            return "the trial's process stopped talking to the harness and was killed; see " + logFile;
        }
        int code = process.exitValue();
        errPump.join(2_000); // the last words of a dying process are read before the log is searched
        Path hsErr = launcher.crashReport(process.pid());
        if (Files.isRegularFile(hsErr)) {
            return "the trial's process crashed (" + CrashReports.signal(hsErr, code) + ", exit " + code + "); see "
                    + hsErr + " and " + logFile;
        }
        String oom = CrashReports.javaOutOfMemory(logFile);
        if (oom != null) {
            return oom + " (the trial's process exited with code " + code + "); see " + logFile;
        }
        return "the trial's process exited unexpectedly (" + CrashReports.describeExit(code) + "); see " + logFile;
    }

    /** Kills the process and everything it started, and waits until they are gone (their cores are free). */
    void kill() throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ignored) {
                // reported gone or not ours to wait for any longer
            }
        }
    }

    /** Kills the process because the run is being interrupted; {@link #run} then records nothing. */
    void stop() throws InterruptedException {
        stopping = true;
        kill();
    }

    /** Lets the process finish: standard input closes and it exits; killed if it does not within seconds. */
    @Override
    public void close() throws InterruptedException {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
        }
        switchLog(null);
    }

    private void switchLog(Path file) {
        synchronized (logLock) {
            if (file != null && file.equals(logFile) && log != null) {
                return; // the first trial's log already holds the process's start-up output
            }
            try {
                if (log != null) {
                    log.close();
                }
                if (file != null) {
                    Files.createDirectories(file.getParent());
                    log = Files.newOutputStream(file);
                    logFile = file;
                } else {
                    log = null;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the trial log " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private void writeLog(String line) {
        synchronized (logLock) {
            if (log != null) {
                try {
                    log.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    log.flush();
                } catch (IOException ignored) {
                    // the log is best effort; the trial's result does not depend on it
                }
            }
        }
    }

    /** Standard output carries the protocol; both streams' other lines go to the current trial's log. */
    private Thread pump(InputStream stream, boolean protocol) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (protocol && line.startsWith(WorkerMain.PREFIX)) {
                        events.add(line.substring(WorkerMain.PREFIX.length()));
                    } else {
                        writeLog(line);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
            if (protocol) {
                events.add(EOF);
            }
        }, "trial-process-" + (protocol ? "out" : "err"));
        t.setDaemon(true);
        t.start();
        return t;
    }
}
