package ablate.reports;

import ablate.metrics.stats.Holm;
import ablate.metrics.stats.PairedTests;
import ablate.metrics.stats.Summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which ranked variants the ranking may order, by the same test the table shows: a variant and the baseline are told
 * apart exactly when the table marks their paired difference significant (paired t, Holm-adjusted across the
 * variants); two other variants by a paired t-test over the seeds both passed, Holm-adjusted across all such pairs.
 * Where a paired test is undefined (fewer than 2 common seeds, or the same difference on every seed) the two 95%
 * CIs decide: apart when they do not overlap. So the banner never joins with ≈ two variants the table calls
 * significantly different.
 */
final class PairwiseTests {
    private PairwiseTests() {
    }

    /** A ranked variant: its primary-metric values by seed, summary and comparison with the baseline (null for it). */
    record Entry(String name, boolean baseline, Map<Long, Double> bySeed, Summary summary, Comparison vsBaseline) {
    }

    /** {@code distinct[i][j]}: whether entries i and j are told apart. */
    static boolean[][] distinct(List<Entry> entries) {
        int k = entries.size();
        boolean[][] out = new boolean[k][k];
        List<int[]> pairs = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                Entry a = entries.get(i);
                Entry b = entries.get(j);
                if (a.baseline() || b.baseline()) {
                    Comparison c = a.baseline() ? b.vsBaseline() : a.vsBaseline();
                    boolean d = c != null && c.pairs() > 0 && (Double.isNaN(c.pHolm())
                            ? !Analysis.overlap(a.summary(), b.summary()) : c.significant());
                    out[i][j] = d;
                    out[j][i] = d;
                    continue;
                }
                List<Long> common = a.bySeed().keySet().stream().filter(b.bySeed()::containsKey).toList();
                double pv = common.size() < 2 ? Double.NaN : PairedTests.pairedT(
                        common.stream().mapToDouble(a.bySeed()::get).toArray(),
                        common.stream().mapToDouble(b.bySeed()::get).toArray()).pValue();
                pairs.add(new int[]{i, j});
                p.add(pv);
            }
        }
        double[] holm = Holm.adjust(p.stream().mapToDouble(Double::doubleValue).toArray());
        for (int n = 0; n < pairs.size(); n++) {
            int i = pairs.get(n)[0];
            int j = pairs.get(n)[1];
            boolean d = Double.isNaN(holm[n]) ? !Analysis.overlap(entries.get(i).summary(), entries.get(j).summary())
                    : holm[n] < Comparison.ALPHA;
            out[i][j] = d;
            out[j][i] = d;
        }
        return out;
    }

    /**
     * Groups for the sentence under the table, in rank order: each group's members are pairwise not told apart, and
     * every such pair is in some group. Greedy: from each variant in rank order, the later variants that fit.
     */
    static List<List<Integer>> groups(boolean[][] distinct) {
        int k = distinct.length;
        List<List<Integer>> groups = new ArrayList<>();
        boolean[][] covered = new boolean[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                if (distinct[i][j] || covered[i][j]) {
                    continue;
                }
                List<Integer> g = new ArrayList<>(List.of(i, j));
                for (int m = j + 1; m < k; m++) {
                    final int x = m;
                    if (g.stream().noneMatch(y -> distinct[x][y])) {
                        g.add(m);
                    }
                }
                for (int a : g) {
                    for (int b : g) {
                        covered[a][b] = true;
                    }
                }
                groups.add(g);
            }
        }
        return groups;
    }
}
