package ablate.plugins.common;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Single-example latency measured the way JMH's sample-time mode does: warm-up iterations that are timed and thrown
 * away (JIT, allocator and libtorch's caches settle), then several measured iterations of several operations each,
 * every operation timed on its own. The result is the median and the spread (p95 and interquartile range) over all
 * measured operations, so the report can tell a latency difference from noise (see docs/reports.md, Pareto front).
 */
public final class Latency {
    /** Iterations discarded before measuring. */
    public static final int WARMUP_ITERATIONS = 3;
    /** Measured iterations. */
    public static final int ITERATIONS = 5;

    private Latency() {
    }

    /**
     * Median, p95 and interquartile range of one operation, in ms.
     *
     * @param medianMs median
     * @param p95Ms    95th percentile (nearest rank)
     * @param iqrMs    75th minus 25th percentile
     */
    public record Result(double medianMs, double p95Ms, double iqrMs) {
    }

    /** One timed operation; {@code before} runs untimed first (e.g. fetching the input, checking for cancellation). */
    public interface Op {
        void run() throws Exception;
    }

    /** Measures {@code op} with {@value #WARMUP_ITERATIONS} warm-up and {@value #ITERATIONS} measured iterations. */
    public static Result measure(int opsPerIteration, Runnable before, Op op) {
        return measure(WARMUP_ITERATIONS, ITERATIONS, opsPerIteration, before, op, System::nanoTime);
    }

    static Result measure(int warmupIterations, int iterations, int opsPerIteration, Runnable before, Op op,
                          LongSupplier clock) {
        if (iterations < 1 || opsPerIteration < 1 || warmupIterations < 0) {
            throw new IllegalArgumentException("need at least one measured iteration and one operation per iteration");
        }
        double[] times = new double[iterations * opsPerIteration];
        for (int it = 0; it < warmupIterations + iterations; it++) {
            for (int k = 0; k < opsPerIteration; k++) {
                before.run();
                long t0 = clock.getAsLong();
                try {
                    op.run();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("latency measurement failed: " + e.getMessage(), e);
                }
                long t1 = clock.getAsLong();
                if (it >= warmupIterations) {
                    times[(it - warmupIterations) * opsPerIteration + k] = (t1 - t0) / 1e6;
                }
            }
        }
        Arrays.sort(times);
        return new Result(percentile(times, 0.5), percentile(times, 0.95), percentile(times, 0.75) - percentile(times, 0.25));
    }

    /** Nearest-rank percentile of sorted values; the median of an even count is the lower middle value. */
    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
