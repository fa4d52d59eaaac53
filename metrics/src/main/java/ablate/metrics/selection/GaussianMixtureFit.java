package ablate.metrics.selection;

import org.apache.commons.math3.distribution.fitting.MultivariateNormalMixtureExpectationMaximization;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * A full-covariance Gaussian mixture with a given number of components fitted by Commons Math's EM
 * ({@code MultivariateNormalMixtureExpectationMaximization}: its deterministic {@code estimate} start, at most 1000
 * iterations, stopping when the mean log-likelihood changes by less than 1e-5), and its information criteria with
 * k = (K − 1) weights + K·d means + K·d(d+1)/2 covariances (scikit-learn's count) and ln L̂ = Σ log-density.
 * One component is the closed-form maximum-likelihood Gaussian (Commons Math's start needs two);
 * ln L̂ = −n/2·(d ln 2π + ln|Σ̂| + d) with the population covariance Σ̂. Commons Math needs d ≥ 2. A fit that fails (a component collapses onto a singular covariance, or EM does not
 * converge) has {@code criteria == null} and is never selected.
 */
public record GaussianMixtureFit(int components, InformationCriteria criteria) {

    public static final int MAX_ITERATIONS = 1000;
    public static final double THRESHOLD = 1e-5;

    public static GaussianMixtureFit fit(double[][] data, int components) {
        if (data.length == 0 || data[0].length < 2) {
            throw new IllegalArgumentException("Commons Math's mixture EM needs points of dimension >= 2");
        }
        if (components < 1 || components > data.length) {
            throw new IllegalArgumentException("components must be in 1.." + data.length + ", got " + components);
        }
        int n = data.length;
        int d = data[0].length;
        int k = (components - 1) + components * d + components * d * (d + 1) / 2;
        try {
            if (components == 1) {
                return new GaussianMixtureFit(1, InformationCriteria.of(singleGaussianLogLikelihood(data), k, n));
            }
            MultivariateNormalMixtureExpectationMaximization em = new MultivariateNormalMixtureExpectationMaximization(data);
            em.fit(MultivariateNormalMixtureExpectationMaximization.estimate(data, components), MAX_ITERATIONS, THRESHOLD);
            double logLikelihood = em.getLogLikelihood() * n; // Commons Math reports the mean over the points
            return new GaussianMixtureFit(components, InformationCriteria.of(logLikelihood, k, n));
        } catch (SingularMatrixException | MathIllegalStateException e) {
            return new GaussianMixtureFit(components, null);
        }
    }

    private static double singleGaussianLogLikelihood(double[][] data) {
        int n = data.length;
        int d = data[0].length;
        double[] mean = new double[d];
        for (double[] row : data) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] covariance = new double[d][d];
        for (double[] row : data) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    covariance[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]) / n;
                }
            }
        }
        double logDet = Math.log(new LUDecomposition(new Array2DRowRealMatrix(covariance, false)).getDeterminant());
        if (Double.isNaN(logDet) || Double.isInfinite(logDet)) {
            throw new SingularMatrixException();
        }
        return -n / 2.0 * (d * Math.log(2 * Math.PI) + logDet + d);
    }
}
