package ablate.harness.run;

import ablate.harness.plan.Trial;
import ablate.results.Status;
import ablate.results.TrialResult;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shows a run's progress: a progress bar with trial, epoch, loss and the suite's ETA on a terminal; one line per
 * epoch and per trial otherwise (CI logs). Counts epochs, so the ETA follows the work actually done.
 */
public abstract class Progress implements AutoCloseable {
    protected final int totalTrials;
    protected final int epochsPerTrial;
    protected int doneTrials;
    private final Map<String, Integer> epochsDone = new ConcurrentHashMap<>();

    protected Progress(int totalTrials, int epochsPerTrial) {
        this.totalTrials = totalTrials;
        this.epochsPerTrial = Math.max(1, epochsPerTrial);
    }

    public static Progress create(int totalTrials, int epochsPerTrial, boolean quiet, PrintStream out) {
        if (quiet) {
            return new Progress(totalTrials, epochsPerTrial) {
                @Override
                protected void show(Trial t, String message) {
                }

                @Override
                protected void trialEnded(Trial t, TrialResult r) {
                }
            };
        }
        return System.console() != null && System.getenv("CI") == null
                ? new Bar(totalTrials, epochsPerTrial, out) : new Lines(totalTrials, epochsPerTrial, out);
    }

    public final synchronized void epoch(Trial t, int epoch, int epochs, double loss) {
        epochsDone.put(t.id(), epoch);
        show(t, String.format("%s seed %d · epoch %d/%d · loss %.4f", t.variant(), t.seed(), epoch, epochs, loss));
    }

    public final synchronized void finished(Trial t, TrialResult r) {
        doneTrials++;
        epochsDone.put(t.id(), epochsPerTrial);
        trialEnded(t, r);
    }

    protected long epochUnits() {
        return epochsDone.values().stream().mapToLong(Integer::longValue).sum();
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

        Bar(int totalTrials, int epochsPerTrial, PrintStream out) {
            super(totalTrials, epochsPerTrial);
            bar = new ProgressBarBuilder().setTaskName("Suite").setInitialMax((long) totalTrials * this.epochsPerTrial)
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
        private final long startNanos = System.nanoTime();

        Lines(int totalTrials, int epochsPerTrial, PrintStream out) {
            super(totalTrials, epochsPerTrial);
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
            long units = epochUnits();
            long total = (long) totalTrials * epochsPerTrial;
            if (units == 0 || units >= total) {
                return "";
            }
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            Duration eta = Duration.ofSeconds(Math.round(elapsed / units * (total - units)));
            return String.format(" · ETA %d:%02d", eta.toMinutes(), eta.toSecondsPart());
        }
    }
}
