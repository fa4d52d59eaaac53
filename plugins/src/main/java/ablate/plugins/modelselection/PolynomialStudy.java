package ablate.plugins.modelselection;

import ablate.metrics.selection.InformationCriteria;
import ablate.metrics.selection.PolynomialFit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Polynomial order selection: y = β0 + β1 x + … + βd x^d + ε with x ~ U(−1, 1) and ε ~ N(0, σ²); every data set
 * is fitted by least squares at each order 0..maxOrder ({@link PolynomialFit}: concentrated Gaussian log-likelihood,
 * k = d + 1 coefficients incl. the intercept, as statsmodels' OLS).
 */
final class PolynomialStudy {
    private PolynomialStudy() {
    }

    /** One cell per (n, σ), in sample-size-major order, each with its own random stream split from {@code random}. */
    static Sweep run(Settings s, SplittableRandom random, Runnable checkCancelled) {
        List<Sweep.Cell> cells = new ArrayList<>();
        for (int n : s.sampleSizes()) {
            for (double sigma : s.noiseLevels()) {
                SplittableRandom cellRandom = random.split();
                List<List<InformationCriteria>> replicates = new ArrayList<>();
                for (int r = 0; r < s.replicates(); r++) {
                    checkCancelled.run();
                    replicates.add(fitAll(sample(s.polynomial(), n, sigma, cellRandom), s.maxOrder()));
                }
                cells.add(new Sweep.Cell(n, sigma, replicates));
            }
        }
        return new Sweep(s.trueOrder(), 0, cells);
    }

    /** {x, y}: n points of the polynomial with coefficients {@code beta} (β0 first) plus N(0, σ²) noise. */
    static double[][] sample(List<Double> beta, int n, double sigma, SplittableRandom random) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble(-1, 1);
            double value = 0;
            for (int j = beta.size() - 1; j >= 0; j--) {
                value = value * x[i] + beta.get(j);
            }
            y[i] = value + sigma * random.nextGaussian();
        }
        return new double[][]{x, y};
    }

    /** The criteria of the fits of order 0..maxOrder. */
    static List<InformationCriteria> fitAll(double[][] xy, int maxOrder) {
        List<InformationCriteria> fits = new ArrayList<>(maxOrder + 1);
        for (int d = 0; d <= maxOrder; d++) {
            fits.add(PolynomialFit.fit(xy[0], xy[1], d).criteria());
        }
        return fits;
    }
}
