package ablate.harness.run;

import ablate.harness.plan.Trial;
import ablate.results.Status;
import ablate.results.TrialResult;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shows a run's progress: a progress bar with trial, epoch, loss and the suite's ETA on a terminal; one line per
 * epoch and per trial otherwise (CI logs). The bar counts epochs; the ETA weighs each variant by what its epochs
 * have cost ({@link EtaEstimate}).
 */
public abstract class Progress implements AutoCloseable {
    protected final int totalTrials;
    protected final int epochsPerTrial;
    protected int doneTrials;
    private final Map<String, Integer> epochsDone = new ConcurrentHashMap<>();
    private final EtaEstimate eta;
    // the last estimate, for the bar's render thread: it must not take this object's lock (the thread that holds
    // it may be waiting on the bar)
    private volatile Optional<Duration> lastEta = Optional.empty();
    private volatile long lastEtaAt;

    protected Progress(List<Trial> trials, int epochsPerTrial) {
        this.totalTrials = trials.size();
        this.epochsPerTrial = Math.max(1, epochsPerTrial);
        this.eta = new EtaEstimate(trials, epochsPerTrial, System::nanoTime);
    }

    public static Progress create(List<Trial> trials, int epochsPerTrial, boolean quiet, PrintStream out) {
        if (quiet) {
            return new Progress(trials, epochsPerTrial) {
                @Override
                protected void show(Trial t, String message) {
                }

                @Override
                protected void trialEnded(Trial t, TrialResult r) {
                }
            };
        }
        return System.console() != null && System.getenv("CI") == null
                ? new Bar(trials, epochsPerTrial, out) : new Lines(trials, epochsPerTrial, out);
    }

    /** {@code t} starts now (its process launch counts towards its variant's cost). */
    public final synchronized void started(Trial t) {
        eta.started(t);
        estimate();
    }

    public final synchronized void epoch(Trial t, int epoch, int epochs, double loss) {
        epochsDone.put(t.id(), epoch);
        eta.epoch(t, epoch);
        estimate();
        show(t, String.format("%s seed %d · epoch %d/%d · loss %.4f", t.variant(), t.seed(), epoch, epochs, loss));
    }

    public final synchronized void finished(Trial t, TrialResult r) {
        doneTrials++;
        epochsDone.put(t.id(), epochsPerTrial);
        eta.finished(t);
        estimate();
        trialEnded(t, r);
    }

    protected long epochUnits() {
        return epochsDone.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** Re-estimates the time left; called under the lock after every event. */
    private void estimate() {
        lastEtaAt = System.nanoTime();
        lastEta = eta.remaining();
    }

    /** The last estimate, less the time since it was made; takes no lock. */
    protected final Optional<Duration> lastRemaining() {
        long since = System.nanoTime() - lastEtaAt;
        return lastEta.map(d -> d.minusNanos(since)).filter(d -> !d.isNegative());
    }

    protected abstract void show(Trial t, String message);

    protected abstract void trialEnded(Trial t, TrialResult r);

    @Override
    public void close() {
    }

    static String outcome(TrialResult r) {
        String head = r.variant() + " seed " + r.seed() + ": " + r.status().label();
        if (r.status() != Status.PASSED) {
            return head + " (" + r.error() + ")";
        }
        StringBuilder sb = new StringBuilder(head);
        r.metrics().entrySet().stream().limit(3)
                .forEach(e -> sb.append(String.format(" %s=%.4f", e.getKey(), e.getValue())));
        return sb.append(String.format(" in %.1f s", r.wallSeconds())).toString();
    }

    /** Terminal progress bar. */
    private static final class Bar extends Progress {
        private final ProgressBar bar;

        Bar(List<Trial> trials, int epochsPerTrial, PrintStream out) {
            super(trials, epochsPerTrial);
            bar = new ProgressBarBuilder().setTaskName("Suite").setInitialMax((long) totalTrials * this.epochsPerTrial)
                    .setEtaFunction(state -> lastRemaining())
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
                    .setUnit(" epochs", 1).setMaxRenderedLength(160).build();
        }

        @Override
        protected void show(Trial t, String message) {
            bar.stepTo(epochUnits());
            bar.setExtraMessage("trial " + (doneTrials + 1) + "/" + totalTrials + " · " + message);
        }

        @Override
        protected void trialEnded(Trial t, TrialResult r) {
            bar.stepTo(epochUnits());
            if (r.status() != Status.PASSED) {
                bar.setExtraMessage(outcome(r));
            }
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** Plain lines with an ETA, for logs. */
    private static final class Lines extends Progress {
        private final PrintStream out;

        Lines(List<Trial> trials, int epochsPerTrial, PrintStream out) {
            super(trials, epochsPerTrial);
            this.out = out;
        }

        @Override
        protected void show(Trial t, String message) {
            out.println("  " + message + eta());
        }

        @Override
        protected void trialEnded(Trial t, TrialResult r) {
            out.println("[" + doneTrials + "/" + totalTrials + "] " + outcome(r) + eta());
        }

        private String eta() {
            return lastRemaining().map(d -> String.format(" · ETA %d:%02d", d.toMinutes(), d.toSecondsPart())).orElse("");
        }
    }
}
