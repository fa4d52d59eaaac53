package ablate.harness.run;

import ablate.harness.plan.Plan;
import ablate.harness.plan.Trial;
import ablate.results.TrialResult;
import ai.djl.Device;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each trial in a process of its own ({@link TrialProcess}): a native crash, an OutOfMemoryError or a hang
 * ends that process only, a trial's peak memory is its own process's, and parallel trials share no resident set.
 * A fresh process per trial by default; {@code reuse} keeps a process that passed its trial for the next one
 * (measured in docs/benchmarks.md, "One process per trial").
 */
final class ProcessRunner implements TrialRunner {
    private final ProcessLauncher launcher;
    private final Plan plan;
    private final Device device;
    private final boolean reuse;
    private final Deque<TrialProcess> idle = new ArrayDeque<>();
    private final Set<TrialProcess> live = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    ProcessRunner(ProcessLauncher launcher, Plan plan, Device device, boolean reuse) {
        this.launcher = launcher;
        this.plan = plan;
        this.device = device;
        this.reuse = reuse;
    }

    @Override
    public TrialResult run(Trial trial, Progress progress) throws Exception {
        TrialProcess p = takeIdle();
        if (p == null) {
            p = TrialProcess.start(launcher, plan, device, trial);
            live.add(p);
        }
        if (stopped) {
            p.stop();
            throw new CancellationException("run interrupted");
        }
        boolean keep = false;
        try {
            TrialResult r = p.run(trial, progress);
            // Only a process whose trial passed is trusted with another: after a failure its state is unknown.
            keep = reuse && r.status() == ablate.results.Status.PASSED && p.isAlive();
            return r;
        } finally {
            if (keep) {
                synchronized (idle) {
                    idle.push(p);
                }
            } else {
                live.remove(p);
                if (p.isAlive()) {
                    p.close();
                }
            }
        }
    }

    private TrialProcess takeIdle() {
        synchronized (idle) {
            return idle.poll();
        }
    }

    @Override
    public void stop() throws InterruptedException {
        stopped = true;
        for (TrialProcess p : live) {
            p.stop();
        }
    }

    @Override
    public void close() throws InterruptedException {
        TrialProcess p;
        while ((p = takeIdle()) != null) {
            live.remove(p);
            p.close();
        }
    }
}
