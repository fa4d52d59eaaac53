package ablate.reports.history;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangePointsTest {
    private static double[] se(int n, double v) {
        double[] s = new double[n];
        java.util.Arrays.fill(s, v);
        return s;
    }

    @Test
    void aFlatSeriesHasNoStep() {
        assertThat(ChangePoints.find(new double[]{0.8, 0.8, 0.8, 0.8, 0.8}, se(5, 0.005))).isEmpty();
        assertThat(ChangePoints.find(new double[]{0.8, 0.8, 0.8, 0.8, 0.8}, null)).isEmpty();
    }

    /**
     * 0.80, 0.80, 0.80, 0.70, 0.70 with se 0.005: one level costs Σ((x−0.76)/0.005)² = 3·8² + 2·12² = 480 (χ²
     * units); two levels cost 0 plus β = 2 ln 5 = 3.22; so the fit steps at index 3, and nowhere else.
     */
    @Test
    void aStepBeyondTheNoiseIsFoundWhereItHappened() {
        assertThat(ChangePoints.find(new double[]{0.80, 0.80, 0.80, 0.70, 0.70}, se(5, 0.005))).containsExactly(3);
        // the same with single-seed runs (no se): the series' own noise (0 here) is the scale
        assertThat(ChangePoints.find(new double[]{0.80, 0.80, 0.80, 0.70, 0.70}, null)).containsExactly(3);
    }

    /**
     * Moves of ±0.004 around 0.80 with se 0.005: one level costs Σ(d/0.005)² = 5·0.64 = 3.2 at most, less than the
     * β = 3.22 a step would add even if it cut the cost to 0: no step.
     */
    @Test
    void movesWithinTheSeedNoiseAreNoStep() {
        assertThat(ChangePoints.find(new double[]{0.804, 0.796, 0.804, 0.796, 0.80}, se(5, 0.005))).isEmpty();
    }

    @Test
    void twoStepsAreBothFound() {
        double[] x = {1, 1, 1, 2, 2, 2, 2, 1.5, 1.5, 1.5};
        assertThat(ChangePoints.find(x, se(x.length, 0.01))).containsExactly(3, 7);
    }
}
