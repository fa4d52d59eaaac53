package ablate.plugins.modelselection;

import ablate.metrics.selection.GaussianMixtureFit;
import ablate.metrics.selection.InformationCriteria;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Component-count selection for a 2-D Gaussian mixture. The true mixture has K equally weighted components whose
 * means lie on a circle, neighbours {@code separation} apart; component j has standard deviations 1 and 0.5 along
 * axes rotated by πj/K. Every data set is fitted with 1..maxComponents components by Commons Math's EM
 * ({@link GaussianMixtureFit}: k = (K − 1) + 2K + 3K free parameters, ln L̂ the summed log-density).
 */
final class MixtureStudy {
    static final double MAJOR_SD = 1.0;
    static final double MINOR_SD = 0.5;

    private MixtureStudy() {
    }

    static Sweep run(Settings s, SplittableRandom random, Runnable checkCancelled) {
        List<Sweep.Cell> cells = new ArrayList<>();
        for (int n : s.mixtureSizes()) {
            SplittableRandom cellRandom = random.split();
            List<List<InformationCriteria>> replicates = new ArrayList<>();
            for (int r = 0; r < s.mixtureReplicates(); r++) {
                double[][] data = sample(s.components(), s.separation(), n, cellRandom);
                List<InformationCriteria> fits = new ArrayList<>();
                for (int k = 1; k <= s.maxComponents(); k++) {
                    checkCancelled.run();
                    fits.add(GaussianMixtureFit.fit(data, k).criteria());
                }
                replicates.add(fits);
            }
            cells.add(new Sweep.Cell(n, 0, replicates));
        }
        return new Sweep(s.components(), 1, cells);
    }

    /** n points of the true mixture, each from a uniformly drawn component. */
    static double[][] sample(int components, double separation, int n, SplittableRandom random) {
        double radius = components == 1 ? 0 : separation * MAJOR_SD / (2 * Math.sin(Math.PI / components));
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            int j = random.nextInt(components);
            double centre = 2 * Math.PI * j / components;
            double axis = Math.PI * j / components;
            double u = MAJOR_SD * random.nextGaussian();
            double v = MINOR_SD * random.nextGaussian();
            points[i] = new double[]{
                    radius * Math.cos(centre) + u * Math.cos(axis) - v * Math.sin(axis),
                    radius * Math.sin(centre) + u * Math.sin(axis) + v * Math.cos(axis)};
        }
        return points;
    }
}
