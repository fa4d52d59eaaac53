package ablate.metrics.selection;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * two-clusters.csv: 150 + 150 points of two 2-D Gaussians (numpy default_rng(5), rounded to 6 decimals).
 * scikit-learn 1.2.1 GaussianMixture(K, covariance_type='full', tol=1e-12, max_iter=100000, n_init=10, reg_covar=0):
 * total log-likelihood score(X)*n = -1204.7189602794854 (K=1), -948.4695302741967 (K=2), -943.9920803550649 (K=3);
 * bic(X) = 2437.956832932252, 1959.6806677696115, 1984.9484627792851; k = 5, 11, 17.
 * K = 1 is closed-form, so it agrees to 1e-9; for K = 2 Commons Math's EM stops at a mean-log-likelihood change
 * of 1e-5, hence the looser bound. K = 3 is a different local optimum for different EM starts, so only the choice
 * is checked: AIC, AICc and BIC all pick 2.
 */
class GaussianMixtureFitTest {
    static double[][] data() throws IOException {
        try (InputStream in = GaussianMixtureFitTest.class.getResourceAsStream("/selection/two-clusters.csv")) {
            List<double[]> rows = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] cells = lines[i].split(",");
                rows.add(new double[]{Double.parseDouble(cells[0]), Double.parseDouble(cells[1])});
            }
            return rows.toArray(double[][]::new);
        }
    }

    @Test
    void matchesScikitLearn() throws IOException {
        double[][] x = data();
        GaussianMixtureFit one = GaussianMixtureFit.fit(x, 1);
        assertThat(one.criteria().k()).isEqualTo(5);
        assertThat(one.criteria().logLikelihood()).isCloseTo(-1204.7189602794854, within(1e-9));
        assertThat(one.criteria().bic()).isCloseTo(2437.956832932252, within(1e-9));
        GaussianMixtureFit two = GaussianMixtureFit.fit(x, 2);
        assertThat(two.criteria().k()).isEqualTo(11);
        assertThat(two.criteria().logLikelihood()).isCloseTo(-948.4695302741967, within(0.05));
        List<InformationCriteria> candidates = new ArrayList<>();
        for (int c = 1; c <= 3; c++) {
            candidates.add(GaussianMixtureFit.fit(x, c).criteria());
        }
        for (Criterion criterion : Criterion.values()) {
            assertThat(criterion.select(candidates)).as(criterion.key()).isEqualTo(1);
        }
    }

    @Test
    void needsTwoDimensions() {
        assertThatThrownBy(() -> GaussianMixtureFit.fit(new double[][]{{1}, {2}}, 1)).hasMessageContaining("dimension >= 2");
    }
}
