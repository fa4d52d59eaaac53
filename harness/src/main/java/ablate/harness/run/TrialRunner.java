package ablate.harness.run;

import ablate.harness.plan.Trial;
import ablate.results.TrialResult;

/** Runs single trials for {@link SuiteRunner}; called from up to {@code --jobs} threads at once. */
interface TrialRunner extends AutoCloseable {
    /** Runs {@code trial}; throws CancellationException when {@link #stop} ended it (nothing is recorded then). */
    TrialResult run(Trial trial, Progress progress) throws Exception;

    /** The run is being interrupted (Ctrl-C): ends every trial in flight now. */
    void stop() throws InterruptedException;

    @Override
    void close() throws InterruptedException;
}
