package ablate.metrics.selection;

import ablate.metrics.Linspace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Reference: statsmodels 0.13.5 (Debian, /usr/bin/python3):
 * <pre>
 * x = np.linspace(-2, 3, 25); y = 1 + 0.5*x - 0.3*x**2 + NOISE
 * r = sm.OLS(y, np.vander(x, d+1, increasing=True)).fit(); k = r.df_model + r.k_constant
 * r.llf, r.aic, statsmodels.tools.eval_measures.aicc(r.llf, r.nobs, k), r.bic
 * </pre>
 */
class PolynomialFitTest {
    static final double[] NOISE = {-0.8, -0.5, -0.2, 0.1, 0.4, 0.7, -0.7, -0.4, -0.1, 0.2, 0.5, 0.8, -0.6, -0.3, 0.0,
            0.3, 0.6, -0.8, -0.5, -0.2, 0.1, 0.4, 0.7, -0.7, -0.4};
    // degree: llf, aic, aicc, bic
    static final double[][] STATSMODELS = {
            {-33.97714935509359, 69.95429871018717, 70.12821175366544, 71.17317453505538},
            {-32.31205705408276, 68.62411410816551, 69.16956865362006, 71.06186575790191},
            {-17.12689719027106, 40.25379438054212, 41.396651523399264, 43.91042185514672},
            {-16.785362974016632, 41.570725948033264, 43.570725948033264, 46.44622924750607},
            {-15.954415017410234, 41.90883003482047, 45.06672477166257, 48.00320915916147},
            {-15.908454467611246, 43.81690893522249, 48.48357560188916, 51.130163884431695}};

    @Test
    void matchesStatsmodelsOls() {
        double[] x = Linspace.of(-2, 3, 25);
        double[] y = new double[25];
        for (int i = 0; i < 25; i++) {
            y[i] = 1 + 0.5 * x[i] - 0.3 * x[i] * x[i] + NOISE[i];
        }
        for (int d = 0; d <= 5; d++) {
            InformationCriteria c = PolynomialFit.fit(x, y, d).criteria();
            assertThat(c.k()).isEqualTo(d + 1);
            assertThat(c.logLikelihood()).as("llf %d", d).isCloseTo(STATSMODELS[d][0], within(1e-10));
            assertThat(c.aic()).as("aic %d", d).isCloseTo(STATSMODELS[d][1], within(1e-10));
            assertThat(c.aicc()).as("aicc %d", d).isCloseTo(STATSMODELS[d][2], within(1e-10));
            assertThat(c.bic()).as("bic %d", d).isCloseTo(STATSMODELS[d][3], within(1e-10));
        }
    }

    @Test
    void needsMorePointsThanCoefficients() {
        assertThatThrownBy(() -> PolynomialFit.fit(new double[]{1, 2, 3}, new double[]{1, 2, 3}, 2))
                .hasMessage("a degree-2 fit needs more than 3 points, got 3");
    }

    @Test
    void aiccIsUndefinedWithoutSpareObservations() {
        assertThat(InformationCriteria.of(-1, 3, 4).aicc()).isNaN();
    }
}
