package ablate.metrics.distribution;

import java.util.Arrays;

/**
 * Divergences and distances between distributions, natural logarithm, as scipy:
 * {@code kl} = {@code scipy.stats.entropy(p, q)} (both normalised to sum 1; 0·ln(0/q) = 0; +∞ where p &gt; 0 = q),
 * {@code jensenShannon} = {@code scipy.spatial.distance.jensenshannon(p, q)**2} (the divergence, not its square root),
 * {@code wasserstein} = {@code scipy.stats.wasserstein_distance(u, v)} (1-D, equal weights).
 */
public final class Divergence {
    private Divergence() {
    }

    public static double kl(double[] p, double[] q) {
        double[] pn = normalised(p, "p");
        double[] qn = normalised(q, "q");
        sameLength(pn, qn);
        double sum = 0;
        for (int i = 0; i < pn.length; i++) {
            sum += relativeEntropy(pn[i], qn[i]);
        }
        return sum;
    }

    public static double jensenShannon(double[] p, double[] q) {
        double[] pn = normalised(p, "p");
        double[] qn = normalised(q, "q");
        sameLength(pn, qn);
        double left = 0;
        double right = 0;
        for (int i = 0; i < pn.length; i++) {
            double m = (pn[i] + qn[i]) / 2;
            left += relativeEntropy(pn[i], m);
            right += relativeEntropy(qn[i], m);
        }
        return (left + right) / 2;
    }

    /** First Wasserstein distance between the empirical distributions of two samples: ∫ |F_u − F_v|. */
    public static double wasserstein(double[] u, double[] v) {
        if (u.length == 0 || v.length == 0) {
            throw new IllegalArgumentException("Wasserstein distance needs two non-empty samples");
        }
        double[] us = u.clone();
        double[] vs = v.clone();
        Arrays.sort(us);
        Arrays.sort(vs);
        double[] all = new double[us.length + vs.length];
        System.arraycopy(us, 0, all, 0, us.length);
        System.arraycopy(vs, 0, all, us.length, vs.length);
        Arrays.sort(all);
        double distance = 0;
        int iu = 0;
        int iv = 0;
        for (int i = 0; i < all.length - 1; i++) {
            while (iu < us.length && us[iu] <= all[i]) {
                iu++;
            }
            while (iv < vs.length && vs[iv] <= all[i]) {
                iv++;
            }
            distance += Math.abs((double) iu / us.length - (double) iv / vs.length) * (all[i + 1] - all[i]);
        }
        return distance;
    }

    /** scipy.special.rel_entr: x ln(x/y), 0 when x = 0, +∞ when y = 0 &lt; x. */
    private static double relativeEntropy(double x, double y) {
        if (x == 0) {
            return 0;
        }
        return y == 0 ? Double.POSITIVE_INFINITY : x * Math.log(x / y);
    }

    private static double[] normalised(double[] p, String name) {
        double sum = 0;
        for (double v : p) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(name + " holds " + v + ": probabilities must be finite and >= 0");
            }
            sum += v;
        }
        if (sum == 0) {
            throw new IllegalArgumentException(name + " sums to 0");
        }
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] / sum;
        }
        return out;
    }

    private static void sameLength(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("distributions differ in length: " + p.length + " vs " + q.length);
        }
    }
}
