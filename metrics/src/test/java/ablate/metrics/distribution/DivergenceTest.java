package ablate.metrics.distribution;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Reference values from scipy 1.10.1 (Debian, /usr/bin/python3); the call is beside each. */
class DivergenceTest {
    static final double[] P = {0.1, 0.4, 0.5, 0.0};
    static final double[] Q = {0.3, 0.3, 0.2, 0.2};

    @Test
    void klMatchesScipyEntropy() {
        // scipy.stats.entropy(P, Q) = 0.463356966050979; entropy(Q, P) = inf; entropy([1,4,5,0], [3,3,2,2]) normalises
        assertThat(Divergence.kl(P, Q)).isCloseTo(0.463356966050979, within(1e-15));
        assertThat(Divergence.kl(Q, P)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Divergence.kl(new double[]{1, 4, 5, 0}, new double[]{3, 3, 2, 2})).isCloseTo(0.463356966050979, within(1e-15));
    }

    @Test
    void jensenShannonIsScipysDistanceSquared() {
        // scipy.spatial.distance.jensenshannon(P, Q)**2 = 0.13226795898617857
        assertThat(Divergence.jensenShannon(P, Q)).isCloseTo(0.13226795898617857, within(1e-15));
        assertThat(Divergence.jensenShannon(P, P)).isEqualTo(0.0);
    }

    @Test
    void wassersteinMatchesScipy() {
        // scipy.stats.wasserstein_distance([0,1,3],[5,6,8]) = 5.0; ([3.4,3.9,7.5,7.8],[4.5,1.4]) = 2.7
        assertThat(Divergence.wasserstein(new double[]{0, 1, 3}, new double[]{5, 6, 8})).isCloseTo(5.0, within(1e-15));
        assertThat(Divergence.wasserstein(new double[]{3.4, 3.9, 7.5, 7.8}, new double[]{4.5, 1.4})).isCloseTo(2.7, within(1e-14));
    }

    @Test
    void rejectsNegativeProbabilities() {
        assertThatThrownBy(() -> Divergence.kl(new double[]{-1, 2}, new double[]{1, 1})).hasMessageContaining("p holds -1.0");
    }
}
