package ablate.metrics.selection;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Ordinary least-squares polynomial fit y ≈ β0 + β1 x + … + β_d x^d with its information criteria
 * (k = d + 1 coefficients including the intercept, concentrated Gaussian log-likelihood, as statsmodels' OLS).
 * x is centred and scaled before building the Vandermonde matrix and solved by Householder QR; that changes the
 * basis, not the fitted values, so the residuals and criteria are those of the plain polynomial.
 */
public record PolynomialFit(int degree, double rss, InformationCriteria criteria) {

    public static PolynomialFit fit(double[] x, double[] y, int degree) {
        int n = x.length;
        if (y.length != n) {
            throw new IllegalArgumentException("x and y differ in length: " + n + " vs " + y.length);
        }
        if (degree < 0) {
            throw new IllegalArgumentException("degree must be >= 0, got " + degree);
        }
        int k = degree + 1;
        if (n <= k) {
            throw new IllegalArgumentException("a degree-" + degree + " fit needs more than " + k + " points, got " + n);
        }
        long distinct = java.util.Arrays.stream(x).distinct().count();
        if (distinct <= degree) {
            throw new IllegalArgumentException("a degree-" + degree + " fit needs at least " + k + " distinct x values, got " + distinct);
        }
        double mean = 0;
        for (double v : x) {
            mean += v / n;
        }
        double scale = 0;
        for (double v : x) {
            scale = Math.max(scale, Math.abs(v - mean));
        }
        if (scale == 0) {
            scale = 1;
        }
        double[][] design = new double[n][k];
        for (int i = 0; i < n; i++) {
            double t = (x[i] - mean) / scale;
            double power = 1;
            for (int j = 0; j < k; j++) {
                design[i][j] = power;
                power *= t;
            }
        }
        Array2DRowRealMatrix a = new Array2DRowRealMatrix(design, false);
        RealVector observed = new ArrayRealVector(y, false);
        RealVector beta = new QRDecomposition(a, 1e-12).getSolver().solve(observed);
        RealVector residual = observed.subtract(a.operate(beta));
        double rss = 0;
        for (int i = 0; i < n; i++) {
            rss += residual.getEntry(i) * residual.getEntry(i);
        }
        double llf = InformationCriteria.gaussianLogLikelihood(rss, n);
        return new PolynomialFit(degree, rss, InformationCriteria.of(llf, k, n));
    }
}
