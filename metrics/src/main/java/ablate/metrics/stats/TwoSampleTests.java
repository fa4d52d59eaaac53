package ablate.metrics.stats;

import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.TTest;

import java.util.Arrays;

/** Tests of two independent samples, two-sided, with scipy's defaults. */
public final class TwoSampleTests {
    private TwoSampleTests() {
    }

    /** Welch's t-test (unequal variances), as {@code scipy.stats.ttest_ind(a, b, equal_var=False)}; NaN p when undefined. */
    public static TestResult welchT(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return new TestResult("Welch t", Double.NaN, Double.NaN);
        }
        var r = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC).test(a, b);
        return new TestResult("Welch t", r.getStatistic(), r.getPValue());
    }

    /**
     * Mann–Whitney U test as {@code scipy.stats.mannwhitneyu(a, b)} (scipy 1.10, method='auto'): the statistic is
     * U of {@code a}; the p-value is exact when one sample has at most 8 values and there are no ties, otherwise
     * the normal approximation with tie correction and continuity correction.
     */
    public static TestResult mannWhitney(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            return new TestResult("Mann-Whitney U", Double.NaN, Double.NaN);
        }
        boolean exact = (a.length <= 8 || b.length <= 8) && !hasTies(a, b);
        var r = MannWhitneyUTest.withDefaults().with(exact ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC).test(a, b);
        return new TestResult("Mann-Whitney U", r.getStatistic(), r.getPValue());
    }

    private static boolean hasTies(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1]) {
                return true;
            }
        }
        return false;
    }
}
