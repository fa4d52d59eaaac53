package ablate.metrics.selection;

/**
 * Information criteria of a fitted model with k parameters, n observations and maximised log-likelihood ln L̂:
 * AIC = 2k − 2 ln L̂, BIC = k ln n − 2 ln L̂, AICc = AIC + 2k(k+1)/(n−k−1) written as statsmodels'
 * {@code eval_measures.aicc}: −2 ln L̂ + 2kn/(n−k−1) (NaN when n ≤ k + 1). For least-squares fits k counts the
 * regression coefficients including the intercept, not the error variance, as statsmodels' OLS does.
 */
public record InformationCriteria(int k, int n, double logLikelihood, double aic, double aicc, double bic) {

    public static InformationCriteria of(double logLikelihood, int k, int n) {
        double aic = -2 * logLikelihood + 2 * k;
        double aicc = n - k - 1 > 0 ? -2.0 * logLikelihood + 2.0 * k * n / (n - k - 1.0) : Double.NaN;
        double bic = -2 * logLikelihood + Math.log(n) * k;
        return new InformationCriteria(k, n, logLikelihood, aic, aicc, bic);
    }

    /**
     * The concentrated Gaussian log-likelihood of a least-squares fit with residual sum of squares {@code rss}
     * (σ² replaced by its maximum-likelihood estimate rss/n), in statsmodels' OLS arithmetic:
     * −(n/2)·ln rss − (1 + ln(π/(n/2)))·(n/2).
     */
    public static double gaussianLogLikelihood(double rss, int n) {
        double half = n / 2.0;
        double llf = -Math.log(rss) * half;
        return llf - (1 + Math.log(Math.PI / half)) * half;
    }
}
