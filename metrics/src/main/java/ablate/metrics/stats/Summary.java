package ablate.metrics.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean, sample standard deviation and two-sided 95% Student-t confidence interval of a sample.
 * With one value the interval is [mean, mean] and sd is NaN.
 */
public record Summary(int n, double mean, double sd, double ciLow, double ciHigh) {

    public static Summary of(double[] values) {
        return of(values, 0.95);
    }

    public static Summary of(double[] values, double level) {
        int n = values.length;
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        if (n == 1) {
            return new Summary(1, mean, Double.NaN, mean, mean);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double half = new TDistribution(null, n - 1).inverseCumulativeProbability(0.5 + level / 2) * sd / Math.sqrt(n);
        return new Summary(n, mean, sd, mean - half, mean + half);
    }

    public double halfWidth() {
        return (ciHigh - ciLow) / 2;
    }
}
