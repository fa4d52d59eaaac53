package ablate.plugins.modelselection;

import ablate.harness.spi.Claim;
import ablate.harness.spi.PluginInfo;
import ablate.metrics.selection.Criterion;

/** {@code criterion.aic}: AIC = 2k − 2 ln L̂. */
public final class AicPlugin implements CriterionPlugin {
    static final PluginInfo INFO = PluginInfo.of("criterion.aic", SLOT,
            "Akaike information criterion, 2k - 2 ln L; for least-squares fits ln L is the concentrated Gaussian "
                    + "log-likelihood and k counts the regression coefficients incl. the intercept (statsmodels OLS)",
            "Akaike, H.: A New Look at the Statistical Model Identification. IEEE Transactions on Automatic "
                    + "Control 19(6), 716-723, 1974",
            Claim.raises("overSelectRate@n=1000", "AIC is efficient but not consistent: even as n grows it keeps "
                    + "a non-vanishing probability of choosing a model larger than the true one (Shibata, Biometrika "
                    + "63, 1976), so it over-selects more often than a consistent criterion such as BIC; checked "
                    + "when AIC runs against a BIC baseline"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Criterion criterion() {
        return Criterion.AIC;
    }
}
