package ablate.metrics.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/** Paired two-sample tests of {@code a - b}, two-sided. */
public final class PairedTests {
    private PairedTests() {
    }

    /** Paired Student t-test. With n &lt; 2, or all differences equal, the p-value is NaN (undefined) unless every difference is 0 (p = 1). */
    public static TestResult pairedT(double[] a, double[] b) {
        double[] d = differences(a, b);
        int n = d.length;
        Summary s = Summary.of(d);
        if (n < 2 || !(s.sd() > 0)) {
            boolean allZero = n > 0 && s.mean() == 0 && !(s.sd() > 0);
            return new TestResult("paired t", Double.NaN, allZero ? 1.0 : Double.NaN);
        }
        double t = s.mean() / (s.sd() / Math.sqrt(n));
        double p = 2 * new TDistribution(null, n - 1).cumulativeProbability(-Math.abs(t));
        return new TestResult("paired t", t, p);
    }

    /** Wilcoxon signed-rank test (exact p-value for small samples, zero differences dropped as in Wilcoxon's method). */
    public static TestResult wilcoxon(double[] a, double[] b) {
        double[] d = differences(a, b);
        boolean anyNonZero = false;
        for (double v : d) {
            anyNonZero |= v != 0;
        }
        if (!anyNonZero) {
            return new TestResult("Wilcoxon signed-rank", 0, 1.0);
        }
        var r = WilcoxonSignedRankTest.withDefaults().test(d);
        return new TestResult("Wilcoxon signed-rank", r.getStatistic(), r.getPValue());
    }

    static double[] differences(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + a.length + " vs " + b.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
