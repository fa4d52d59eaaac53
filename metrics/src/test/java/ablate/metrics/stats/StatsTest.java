package ablate.metrics.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatsTest {
    @Test
    void summaryMatchesScipyTInterval() {
        // scipy.stats.t.interval(0.95, 4, loc=mean, scale=sem) for [1,2,3,4,5]: (1.0367568385224428, 4.963243161477557)
        Summary s = Summary.of(new double[]{1, 2, 3, 4, 5});
        assertThat(s.mean()).isEqualTo(3.0);
        assertThat(s.ciLow()).isCloseTo(1.0367568385224428, within(1e-9));
        assertThat(s.ciHigh()).isCloseTo(4.963243161477557, within(1e-9));
    }

    @Test
    void pairedTMatchesScipy() {
        // scipy.stats.ttest_rel([1,2,3,4,5],[1.5,2.1,2.9,4.6,5.4]) -> t=-2.3008949665421112, p=0.08285742808310921
        TestResult r = PairedTests.pairedT(new double[]{1, 2, 3, 4, 5}, new double[]{1.5, 2.1, 2.9, 4.6, 5.4});
        assertThat(r.statistic()).isCloseTo(-2.3008949665421112, within(1e-9));
        assertThat(r.pValue()).isCloseTo(0.08285742808310921, within(1e-9));
    }

    @Test
    void holmMatchesStatsmodels() {
        // statsmodels multipletests([0.01, 0.04, 0.03, 0.2], method='holm')[1] -> [0.04, 0.09, 0.09, 0.2]
        assertThat(Holm.adjust(new double[]{0.01, 0.04, 0.03, 0.2}))
                .containsExactly(new double[]{0.04, 0.09, 0.09, 0.2}, within(1e-9));
    }
}
