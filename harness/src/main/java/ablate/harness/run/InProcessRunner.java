package ablate.harness.run;

import ablate.harness.plan.Plan;
import ablate.harness.plan.Trial;
import ablate.harness.spi.Task;
import ablate.results.TrialResult;
import ai.djl.Device;

import java.nio.file.Path;

/**
 * {@code --in-process}: each trial in a thread of this JVM, for tests and debugging (a debugger or profiler sees
 * the trial). Contains exceptions, not native crashes; a trial ignoring its timeout's interrupt is abandoned and
 * keeps its core; peak memory is the shared process's.
 */
final class InProcessRunner implements TrialRunner {
    private final TrialExecutor executor;
    private final long timeoutMillis;

    InProcessRunner(Task task, Plan plan, Device device, Path dataDir, Path results) {
        this.executor = new TrialExecutor(task, plan, device, dataDir, results);
        this.timeoutMillis = plan.suite().timeout().toMillis();
    }

    @Override
    public TrialResult run(Trial trial, Progress progress) throws InterruptedException {
        return executor.execute(trial, progress::epoch, timeoutMillis);
    }

    @Override
    public void stop() {
        // threads cannot be killed; the JVM's exit ends them
    }

    @Override
    public void close() {
    }
}
