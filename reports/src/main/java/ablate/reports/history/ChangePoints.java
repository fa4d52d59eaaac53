package ablate.reports.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Step changes in a metric's history: the piecewise-constant fit that minimises
 * {@code Σ segments Σ_i ((x_i − mean_seg)/σ_i)² + β · (segments − 1)}, solved exactly by PELT (Killick, Fearnhead
 * &amp; Eckley 2012, the pruned form of Jackson et al.'s optimal partitioning). This is the same kind of model asv
 * fits to decide where a benchmark stepped, with a Gaussian cost instead of asv's L1 because each point here comes
 * with its own noise: {@code σ_i} is the standard error of the run's mean over its seeds, so a move smaller than
 * the seed-to-seed noise costs more penalty than it saves. {@code β = 2 ln n} is BIC's price of a change (two
 * parameters: where, and the new level) in these χ² units.
 *
 * <p>Where a run has a single seed (no sd) or every seed agreed exactly, {@code σ_i} falls back to the series' own
 * noise, the median absolute successive difference / (0.6745·√2) (robust to the steps themselves), and never below
 * 1e-9 of the series' scale, so a perfectly flat series has no change and a deterministic one with a step has one.
 */
public final class ChangePoints {
    private ChangePoints() {
    }

    /** Indices where a new segment starts (1..n-1), ascending; empty when the series is best fit as one level. */
    public static List<Integer> find(double[] x, double[] se) {
        int n = x.length;
        if (n < 2) {
            return List.of();
        }
        double[] w = weights(x, se);
        double beta = 2 * Math.log(n);
        // prefix sums of w, w·x and w·x² give any segment's weighted squared error in O(1)
        double[] sw = new double[n + 1];
        double[] swx = new double[n + 1];
        double[] swxx = new double[n + 1];
        for (int i = 0; i < n; i++) {
            sw[i + 1] = sw[i] + w[i];
            swx[i + 1] = swx[i] + w[i] * x[i];
            swxx[i + 1] = swxx[i] + w[i] * x[i] * x[i];
        }
        double[] f = new double[n + 1];
        int[] last = new int[n + 1];
        f[0] = -beta;
        List<Integer> candidates = new ArrayList<>(List.of(0));
        for (int t = 1; t <= n; t++) {
            double best = Double.POSITIVE_INFINITY;
            int arg = 0;
            double[] costs = new double[candidates.size()];
            for (int k = 0; k < candidates.size(); k++) {
                int s = candidates.get(k);
                costs[k] = f[s] + cost(sw, swx, swxx, s, t);
                if (costs[k] + beta < best) {
                    best = costs[k] + beta;
                    arg = s;
                }
            }
            f[t] = best;
            last[t] = arg;
            // PELT's pruning: a start that is already worse than the optimum by more than β never wins later
            List<Integer> kept = new ArrayList<>();
            for (int k = 0; k < candidates.size(); k++) {
                if (costs[k] <= f[t]) {
                    kept.add(candidates.get(k));
                }
            }
            kept.add(t);
            candidates = kept;
        }
        List<Integer> starts = new ArrayList<>();
        for (int t = n; last[t] > 0; t = last[t]) {
            starts.add(last[t]);
        }
        Collections.reverse(starts);
        return starts;
    }

    private static double cost(double[] sw, double[] swx, double[] swxx, int s, int t) {
        double w = sw[t] - sw[s];
        double wx = swx[t] - swx[s];
        return Math.max(0, swxx[t] - swxx[s] - wx * wx / w);
    }

    static double[] weights(double[] x, double[] se) {
        int n = x.length;
        double[] diffs = new double[n - 1];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(x[i]));
            if (i > 0) {
                diffs[i - 1] = Math.abs(x[i] - x[i - 1]);
            }
        }
        java.util.Arrays.sort(diffs);
        double mad = diffs.length % 2 == 1 ? diffs[diffs.length / 2]
                : (diffs[diffs.length / 2 - 1] + diffs[diffs.length / 2]) / 2;
        double fallback = Math.max(mad / (0.6745 * Math.sqrt(2)), 1e-9 * Math.max(scale, 1e-12));
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double s = se != null && se[i] > 0 && Double.isFinite(se[i]) ? se[i] : fallback;
            w[i] = 1 / (s * s);
        }
        return w;
    }
}
