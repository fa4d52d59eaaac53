package ablate.plugins.modelselection;

import ablate.harness.spi.Claim;
import ablate.harness.spi.PluginInfo;
import ablate.metrics.selection.Criterion;

/** {@code criterion.bic}: BIC = k ln n − 2 ln L̂. */
public final class BicPlugin implements CriterionPlugin {
    static final PluginInfo INFO = PluginInfo.of("criterion.bic", SLOT,
            "Bayesian (Schwarz) information criterion, k ln n - 2 ln L; for least-squares fits ln L is the "
                    + "concentrated Gaussian log-likelihood and k counts the regression coefficients incl. the "
                    + "intercept (statsmodels OLS)",
            "Schwarz, G.: Estimating the Dimension of a Model. The Annals of Statistics 6(2), 461-464, 1978",
            Claim.raises("recoveryRate@n=1000", "BIC is consistent: the probability that it selects the true "
                    + "model tends to 1 as n grows (Schwarz 1978), whereas AIC keeps over-selecting with "
                    + "non-vanishing probability; so at n = 1000 BIC recovers the true polynomial order more "
                    + "often than the AIC baseline"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Criterion criterion() {
        return Criterion.BIC;
    }
}
