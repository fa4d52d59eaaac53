package ablate.reports;

import ablate.metrics.stats.Holm;
import ablate.metrics.stats.PairedTests;
import ablate.metrics.stats.Summary;
import ablate.metrics.stats.TestResult;
import ablate.results.TrialResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per metric: each variant's summary and its paired comparison with the baseline, Holm-adjusted across variants. */
final class MetricComparisons {
    private MetricComparisons() {
    }

    /** Summaries for every variant, then the paired comparisons with one Holm family over the non-baseline variants. */
    static void analyse(String metric, String baseline, Map<String, List<TrialResult>> passed,
                        Map<String, Map<String, MetricStats>> out) {
        Map<Long, Double> base = valuesBySeed(passed.getOrDefault(baseline, List.of()), metric);
        List<String> names = new ArrayList<>();
        List<Summary> summaries = new ArrayList<>();
        List<double[][]> pairs = new ArrayList<>();
        for (var e : passed.entrySet()) {
            Map<Long, Double> values = valuesBySeed(e.getValue(), metric);
            if (values.isEmpty()) {
                continue;
            }
            names.add(e.getKey());
            summaries.add(Summary.of(values.values().stream().mapToDouble(Double::doubleValue).toArray()));
            if (e.getKey().equals(baseline)) {
                pairs.add(null);
            } else {
                List<Long> common = values.keySet().stream().filter(base::containsKey).toList();
                pairs.add(new double[][]{
                        common.stream().mapToDouble(values::get).toArray(),
                        common.stream().mapToDouble(base::get).toArray()});
            }
        }
        double[] pT = new double[names.size()];
        double[] pW = new double[names.size()];
        TestResult[] t = new TestResult[names.size()];
        TestResult[] w = new TestResult[names.size()];
        Arrays.fill(pT, Double.NaN);
        Arrays.fill(pW, Double.NaN);
        for (int i = 0; i < names.size(); i++) {
            double[][] p = pairs.get(i);
            if (p != null && p[0].length > 0) {
                t[i] = PairedTests.pairedT(p[0], p[1]);
                w[i] = PairedTests.wilcoxon(p[0], p[1]);
                pT[i] = t[i].pValue();
                pW[i] = w[i].pValue();
            }
        }
        double[] holmT = Holm.adjust(pT);
        double[] holmW = Holm.adjust(pW);
        for (int i = 0; i < names.size(); i++) {
            double[][] p = pairs.get(i);
            Comparison c = null;
            if (p != null) {
                double[] diff = new double[p[0].length];
                Arrays.setAll(diff, k -> p[0][k] - p[1][k]);
                TestResult none = new TestResult("none", Double.NaN, Double.NaN);
                c = new Comparison(diff.length, Summary.of(diff), t[i] == null ? none : t[i],
                        w[i] == null ? none : w[i], holmT[i], holmW[i]);
            }
            out.get(names.get(i)).put(metric, new MetricStats(summaries.get(i), c));
        }
    }

    static Map<Long, Double> valuesBySeed(List<TrialResult> trials, String metric) {
        Map<Long, Double> values = new TreeMap<>();
        for (TrialResult t : trials) {
            Analysis.value(t, metric).ifPresent(v -> values.put(t.seed(), v));
        }
        return values;
    }
}
