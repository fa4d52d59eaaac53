package ablate.harness.run;

import ablate.harness.plan.Trial;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The suite's remaining time, from what each variant has cost so far. Counting epochs alone misleads as soon as
 * variants differ in cost: a baseline with nothing to train (bicubic) "finishes six epochs" in a third of a second,
 * and an EDSR epoch takes ten times an ESPCN one, so an epoch-count ETA said half a minute when five were left.
 * Here every variant has its own seconds per epoch, measured on its trials (their wall time from start, so a
 * trial's startup is part of its cost); a variant not yet seen is taken to cost the mean of those seen. The sum over
 * the work left is divided by the parallelism observed so far (trial-seconds per wall second), so {@code --jobs}
 * needs no special case. Not thread-safe: {@link Progress} calls it under its own lock.
 */
final class EtaEstimate {
    private final List<Trial> trials;
    private final int epochsPerTrial;
    private final LongSupplier nanos;
    private final long runStart;
    private final Map<String, Long> startedAt = new HashMap<>();
    private final Map<String, Integer> epochsDone = new HashMap<>();
    private final Map<String, Double> finishedSeconds = new HashMap<>();

    EtaEstimate(List<Trial> trials, int epochsPerTrial, LongSupplier nanos) {
        this.trials = List.copyOf(trials);
        this.epochsPerTrial = Math.max(1, epochsPerTrial);
        this.nanos = nanos;
        this.runStart = nanos.getAsLong();
    }

    void started(Trial t) {
        startedAt.putIfAbsent(t.id(), nanos.getAsLong());
    }

    void epoch(Trial t, int epoch) {
        startedAt.putIfAbsent(t.id(), runStart);
        epochsDone.put(t.id(), epoch);
    }

    void finished(Trial t) {
        startedAt.putIfAbsent(t.id(), runStart);
        finishedSeconds.put(t.id(), seconds(nanos.getAsLong() - startedAt.get(t.id())));
    }

    /** Empty until some trial has finished an epoch or the whole trial, or when nothing is left. */
    Optional<Duration> remaining() {
        long now = nanos.getAsLong();
        Map<String, double[]> perVariant = new HashMap<>();   // variant -> {seconds, epochs, 1 if it reported epochs}
        double busy = 0;
        for (Trial t : trials) {
            Long start = startedAt.get(t.id());
            if (start == null) {
                continue;
            }
            Double done = finishedSeconds.get(t.id());
            double spent = done != null ? done : seconds(now - start);
            busy += spent;
            int reported = epochsDone.getOrDefault(t.id(), 0);
            int epochs = done != null ? epochsPerTrial : reported;
            if (epochs > 0) {
                double[] v = perVariant.computeIfAbsent(t.variant(), k -> new double[3]);
                v[0] += spent;
                v[1] += epochs;
                v[2] = Math.max(v[2], reported > 0 ? 1 : 0);
            }
        }
        double elapsed = seconds(now - runStart);
        if (perVariant.isEmpty() || elapsed <= 0) {
            return Optional.empty();
        }
        // an unseen variant costs what the variants that train cost: one with nothing to train (it reports no
        // epoch) is its own, near-zero, rate and would make every unseen variant look free
        boolean anyTrained = perVariant.values().stream().anyMatch(v -> v[2] > 0);
        double[] seen = perVariant.values().stream().filter(v -> !anyTrained || v[2] > 0)
                .reduce(new double[2], (a, v) -> new double[]{a[0] + v[0], a[1] + v[1]});
        double fallback = seen[0] / seen[1];
        double left = 0;
        for (Trial t : trials) {
            if (finishedSeconds.containsKey(t.id())) {
                continue;
            }
            double[] v = perVariant.get(t.variant());
            double rate = v != null ? v[0] / v[1] : fallback;
            double total = rate * epochsPerTrial;
            Long start = startedAt.get(t.id());
            left += Math.max(0, start == null ? total : total - seconds(now - start));
        }
        double parallelism = Math.max(1e-3, busy / elapsed);
        return left <= 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.round(left / parallelism)));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
