package ablate.plugins.modelselection;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.PluginModule;
import ablate.harness.spi.Task;
import ablate.metrics.selection.InformationCriteria;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CriterionPluginsTest {
    /*
     * A data set on which the three criteria disagree (orders 0..5 at n = 14), and statsmodels 0.13.5's values,
     * computed with Debian's python3-statsmodels (/usr/bin/python3):
     *   import numpy as np, statsmodels.api as sm
     *   from statsmodels.tools.eval_measures import aicc
     *   for d in range(6):
     *       f = sm.OLS(y, np.vander(x, d + 1, increasing=True)).fit()
     *       print(d, repr(f.llf), repr(f.aic), repr(aicc(f.llf, len(y), d + 1)), repr(f.bic))
     * AIC picks order 4, AICc order 0, BIC order 3.
     */
    static final double[] X = {-1.0, -0.8462, -0.6923, -0.5385, -0.3846, -0.2308, -0.0769, 0.0769, 0.2308, 0.3846,
            0.5385, 0.6923, 0.8462, 1.0};
    static final double[] Y = {0.75, 1.13, 1.49, 0.58, 1.77, 1.19, 1.09, 1.13, 0.8, 0.83, 0.47, -0.17, 1.05, 1.34};
    static final double[][] STATSMODELS = { // llf, aic, aicc, bic per order
            {-9.000096605557001, 20.000193211114002, 20.333526544447334, 20.63925054072926},
            {-8.411650818302647, 20.823301636605294, 21.914210727514384, 22.10141629583581},
            {-8.401204005699569, 22.802408011399137, 25.202408011399136, 24.71958000024491},
            {-5.023241266556484, 18.046482533112968, 22.490926977557415, 20.602711851574},
            {-3.7993773913529587, 17.598754782705917, 25.098754782705917, 20.794041430782208},
            {-3.4300058948536325, 18.860011789707265, 30.860011789707265, 22.694355767398815}};

    @Test
    void polynomialFitsMatchStatsmodelsAndEachCriterionPicksItsOwnMinimum() {
        List<InformationCriteria> fits = PolynomialStudy.fitAll(new double[][]{X, Y}, 5);
        for (int d = 0; d <= 5; d++) {
            InformationCriteria c = fits.get(d);
            assertThat(c.k()).isEqualTo(d + 1);
            assertThat(c.logLikelihood()).isCloseTo(STATSMODELS[d][0], within(1e-9));
            assertThat(c.aic()).isCloseTo(STATSMODELS[d][1], within(1e-9));
            assertThat(c.aicc()).isCloseTo(STATSMODELS[d][2], within(1e-9));
            assertThat(c.bic()).isCloseTo(STATSMODELS[d][3], within(1e-9));
        }
        assertThat(new AicPlugin().select(fits)).isEqualTo(4);
        assertThat(new AiccPlugin().select(fits)).isEqualTo(0);
        assertThat(new BicPlugin().select(fits)).isEqualTo(3);
    }

    @Test
    void undefinedCandidatesAreNeverChosen() {
        InformationCriteria small = InformationCriteria.of(-100, 5, 10); // AICc defined: n - k - 1 = 4
        InformationCriteria large = InformationCriteria.of(-10, 9, 10);  // AICc undefined: n - k - 1 = 0
        assertThat(new AicPlugin().select(List.of(small, large))).isEqualTo(1);
        assertThat(new AiccPlugin().select(List.of(small, large))).isEqualTo(0);
        assertThat(new AiccPlugin().select(List.of(large))).isEqualTo(-1);
        java.util.ArrayList<InformationCriteria> withFailedFit = new java.util.ArrayList<>(List.of(small));
        withFailedFit.add(0, null);
        assertThat(new BicPlugin().select(withFailedFit)).isEqualTo(1);
    }

    @Test
    void discoveryFindsTheTaskAndTheThreeCriteriaWithCitationsAndClaimsOnMetricsTheTaskRecords() {
        List<PluginModule> modules = ServiceLoader.load(PluginModule.class).stream().map(ServiceLoader.Provider::get)
                .toList();
        var injector = Guice.createInjector(modules);
        Set<Plugin> plugins = injector.getInstance(Key.get(new TypeLiteral<Set<Plugin>>() { }));
        Set<Task> tasks = injector.getInstance(Key.get(new TypeLiteral<Set<Task>>() { }));
        List<Plugin> criteria = plugins.stream().filter(p -> p.info().slot().equals(CriterionPlugin.SLOT)).toList();
        assertThat(criteria.stream().map(Plugin::id).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("criterion.aic", "criterion.aicc", "criterion.bic");
        assertThat(tasks.stream().map(Task::id)).contains("model-selection");

        Set<String> metrics = ScoresTest.defaultMetricNames();
        for (Plugin p : criteria) {
            assertThat(p.info().citation()).isNotBlank();
            assertThat(p.info().summary()).contains("intercept");
            Claim claim = p.info().claim();
            assertThat(claim).isNotNull();
            assertThat(metrics).contains(claim.metric());
        }
    }
}
