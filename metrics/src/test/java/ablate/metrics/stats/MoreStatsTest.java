package ablate.metrics.stats;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Reference values from scipy 1.10.1 (Debian, /usr/bin/python3); the call that produced each is beside it. */
class MoreStatsTest {
    static final double[] X = {2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 6.1, 3.9, 4.2, 2.5, 7.3};
    static final double[] Y = {3.0, 4.1, 2.2, 6.5, 5.0, 4.9, 3.1, 7.7, 4.4};

    @Test
    void welchMatchesScipy() {
        // st.ttest_ind(X, Y, equal_var=False) -> (-0.7767194341485263, 0.4480288307468393)
        TestResult r = TwoSampleTests.welchT(X, Y);
        assertThat(r.statistic()).isCloseTo(-0.7767194341485263, within(1e-12));
        assertThat(r.pValue()).isCloseTo(0.4480288307468393, within(1e-12));
    }

    @Test
    void oneSampleTMatchesScipy() {
        // st.ttest_1samp(X, 3.0) -> (1.9901133216948292, 0.07201282342275885)
        TestResult r = OneSampleTests.t(X, 3.0);
        assertThat(r.statistic()).isCloseTo(1.9901133216948292, within(1e-12));
        assertThat(r.pValue()).isCloseTo(0.07201282342275885, within(1e-12));
    }

    @Test
    void mannWhitneyExactMatchesScipy() {
        // st.mannwhitneyu([1.1,2.3,0.7,3.3,2.9], [2.0,3.1,4.2,3.9,5.5,4.8]) -> (4.0, 0.05194805194805195)  (exact)
        TestResult r = TwoSampleTests.mannWhitney(new double[]{1.1, 2.3, 0.7, 3.3, 2.9}, new double[]{2.0, 3.1, 4.2, 3.9, 5.5, 4.8});
        assertThat(r.statistic()).isEqualTo(4.0);
        assertThat(r.pValue()).isCloseTo(0.05194805194805195, within(1e-12));
    }

    @Test
    void mannWhitneyWithTiesMatchesScipyAsymptotic() {
        // st.mannwhitneyu([1,2,2,3,4,5,5,6,7,8], [2,3,4,4,6,8,9,9,10,11]) -> (28.5, 0.11065268790879317)
        TestResult r = TwoSampleTests.mannWhitney(new double[]{1, 2, 2, 3, 4, 5, 5, 6, 7, 8}, new double[]{2, 3, 4, 4, 6, 8, 9, 9, 10, 11});
        assertThat(r.statistic()).isEqualTo(28.5);
        assertThat(r.pValue()).isCloseTo(0.11065268790879317, within(1e-12));
        // st.mannwhitneyu(X, np.round(Y)) -> (45.0, 0.5454063027850947): ties across samples, one side small
        double[] rounded = Arrays.stream(Y).map(Math::rint).toArray();
        TestResult s = TwoSampleTests.mannWhitney(X, rounded);
        assertThat(s.statistic()).isEqualTo(45.0);
        assertThat(s.pValue()).isCloseTo(0.5454063027850947, within(1e-12));
    }

    @Test
    void bcaFormulaMatchesScipyOnAGivenDistribution() {
        // th = np.mean(X) + 0.3*np.sin(1.7*np.arange(500)) + 0.05
        // lo, hi, a = scipy.stats._resampling._bca_interval((X,), np.mean, -1, 0.025, th, None)
        // np.percentile(th, lo*100), np.percentile(th, hi*100) -> 3.7088798208106533, 4.306111705838583
        double mean = Arrays.stream(X).average().orElseThrow();
        double[] th = new double[500];
        for (int i = 0; i < th.length; i++) {
            th[i] = mean + 0.3 * Math.sin(1.7 * i) + 0.05;
        }
        Interval ci = Bootstrap.bcaFromDistribution(X, v -> Arrays.stream(v).average().orElseThrow(), th, 0.95);
        assertThat(ci.low()).isCloseTo(3.7088798208106533, within(1e-9));
        assertThat(ci.high()).isCloseTo(4.306111705838583, within(1e-9));
    }

    @Test
    void bcaResamplingAgreesWithScipyInDistribution() {
        // st.bootstrap((X,), np.mean, method='BCa', random_state=1) -> (3.175, 5.0); other draws, so only close
        Interval ci = Bootstrap.bca(X, v -> Arrays.stream(v).average().orElseThrow(), 0.95, 42);
        assertThat(ci.low()).isCloseTo(3.175, within(0.08));
        assertThat(ci.high()).isCloseTo(5.0, within(0.08));
        assertThat(Bootstrap.bca(X, v -> Arrays.stream(v).average().orElseThrow(), 0.95, 42)).isEqualTo(ci);
    }

    @Test
    void percentileIsNumpyLinear() {
        double[] sorted = {1, 2, 4, 8};
        assertThat(Bootstrap.percentile(sorted, 0.5)).isEqualTo(3.0);   // np.percentile([1,2,4,8], 50)
        assertThat(Bootstrap.percentile(sorted, 1.0)).isEqualTo(8.0);
        assertThat(Bootstrap.percentile(sorted, 0.1)).isCloseTo(1.3, within(1e-15));
    }
}
