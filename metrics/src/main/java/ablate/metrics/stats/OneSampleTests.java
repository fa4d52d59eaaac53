package ablate.metrics.stats;

import org.apache.commons.statistics.inference.TTest;

/** One-sample tests, two-sided. */
public final class OneSampleTests {
    private OneSampleTests() {
    }

    /** Student's t-test of mean = {@code mu}, as {@code scipy.stats.ttest_1samp(x, mu)}; NaN when n &lt; 2 or sd = 0. */
    public static TestResult t(double[] x, double mu) {
        Summary s = Summary.of(x);
        if (x.length < 2 || !(s.sd() > 0)) {
            return new TestResult("one-sample t", Double.NaN, Double.NaN);
        }
        var r = TTest.withDefaults().withMu(mu).test(x);
        return new TestResult("one-sample t", r.getStatistic(), r.getPValue());
    }
}
