package ablate.metrics.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Bias-corrected and accelerated (BCa) bootstrap confidence interval of a one-sample statistic, as
 * {@code scipy.stats.bootstrap(method='BCa')} (Efron &amp; Tibshirani 1993, §14.3): z0 from the fraction of
 * bootstrap statistics below the estimate (ties count half), the acceleration from the jackknife, and the
 * interval's ends read from the bootstrap distribution with numpy's linear percentile. The resampling itself
 * uses Java's {@link SplittableRandom}, so intervals agree with scipy's in distribution, not draw by draw.
 */
public final class Bootstrap {
    /** scipy's default number of resamples. */
    public static final int DEFAULT_RESAMPLES = 9999;
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private Bootstrap() {
    }

    public static Interval bca(double[] data, ToDoubleFunction<double[]> statistic, double level, long seed) {
        return bca(data, statistic, DEFAULT_RESAMPLES, level, seed);
    }

    public static Interval bca(double[] data, ToDoubleFunction<double[]> statistic, int resamples, double level, long seed) {
        if (data.length < 2) {
            throw new IllegalArgumentException("the bootstrap needs at least 2 values, got " + data.length);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] resample = new double[data.length];
        double[] thetas = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < resample.length; i++) {
                resample[i] = data[random.nextInt(data.length)];
            }
            thetas[b] = statistic.applyAsDouble(resample);
        }
        return bcaFromDistribution(data, statistic, thetas, level);
    }

    /** BCa interval from a given bootstrap distribution (NaN ends when it is degenerate, as scipy). */
    static Interval bcaFromDistribution(double[] data, ToDoubleFunction<double[]> statistic, double[] thetas, double level) {
        double alpha = (1 - level) / 2;
        double estimate = statistic.applyAsDouble(data);
        int below = 0;
        int belowOrEqual = 0;
        for (double t : thetas) {
            below += t < estimate ? 1 : 0;
            belowOrEqual += t <= estimate ? 1 : 0;
        }
        double z0 = inverseNormal((below + belowOrEqual) / (2.0 * thetas.length));

        int n = data.length;
        double[] jackknife = new double[n];
        double[] leaveOneOut = new double[n - 1];
        double jackknifeMean = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(data, 0, leaveOneOut, 0, i);
            System.arraycopy(data, i + 1, leaveOneOut, i, n - 1 - i);
            jackknife[i] = statistic.applyAsDouble(leaveOneOut);
            jackknifeMean += jackknife[i];
        }
        jackknifeMean /= n;
        double num = 0;
        double den = 0;
        for (double j : jackknife) {
            double u = (n - 1) * (jackknifeMean - j);
            num += u * u * u;
            den += u * u;
        }
        double acceleration = (num / Math.pow(n, 3)) / (6 * Math.pow(den / Math.pow(n, 2), 1.5));

        double zAlpha = inverseNormal(alpha);
        double[] sorted = thetas.clone();
        Arrays.sort(sorted);
        double low = percentile(sorted, adjusted(z0, zAlpha, acceleration));
        double high = percentile(sorted, adjusted(z0, -zAlpha, acceleration));
        return new Interval(low, high, level);
    }

    private static double adjusted(double z0, double z, double acceleration) {
        double sum = z0 + z;
        return STANDARD_NORMAL.cumulativeProbability(z0 + sum / (1 - acceleration * sum));
    }

    private static double inverseNormal(double p) {
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    /** numpy's default (linear) percentile of sorted values at fraction q in [0, 1]; NaN for NaN q. */
    static double percentile(double[] sorted, double q) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        double t = position - lower;
        double a = sorted[lower];
        double b = sorted[upper];
        return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
    }
}
