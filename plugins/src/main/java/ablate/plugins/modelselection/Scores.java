package ablate.plugins.modelselection;

import ablate.harness.spi.TrialOutcome;
import ablate.metrics.selection.InformationCriteria;
import ablate.reports.CurveAxis;
import ablate.results.Cost;
import ablate.results.Direction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one criterion makes of a trial's {@link Evidence}: the metrics, the curves "rate vs n" (one point per sample
 * size, in the order of the settings, with the sizes declared as their x axis) and the artifacts with the details
 * behind them.
 */
final class Scores {
    static final String RECOVERY = "recoveryRate";
    static final String OVER = "overSelectRate";
    static final String MEAN_ORDER = "meanSelectedOrder";
    static final String MIXTURE = "mixture.";
    static final String MEAN_COMPONENTS = "meanSelectedComponents";
    static final String NET_ACCURACY = "network.selectedTestAccuracy";
    static final String NET_PARAMS = "network.selectedParams";
    static final String NET_REGRET = "network.testAccuracyRegret";

    private Scores() {
    }

    /** Every metric {@link #outcome} records (without its {@code @n=…} suffix), with its direction. */
    static final Map<String, Direction> DIRECTIONS = directions();

    private static Map<String, Direction> directions() {
        Map<String, Direction> d = new LinkedHashMap<>();
        for (String prefix : List.of("", MIXTURE)) {
            d.put(prefix + RECOVERY, Direction.HIGHER);
            d.put(prefix + OVER, Direction.LOWER);
        }
        d.put(MEAN_ORDER, Direction.NONE);
        d.put(MIXTURE + MEAN_COMPONENTS, Direction.NONE);
        d.put(NET_ACCURACY, Direction.HIGHER);
        d.put(NET_PARAMS, Direction.NONE);
        d.put(NET_REGRET, Direction.LOWER);
        return java.util.Collections.unmodifiableMap(d);
    }

    /** Metric name of a per-sample-size figure, e.g. {@code recoveryRate@n=20}. */
    static String at(String metric, int n) {
        return metric + "@n=" + n;
    }

    /** Curve name of a figure against the sample size, e.g. {@code recoveryRate vs n}; its x values are in {@link #axis}. */
    static String curve(String metric) {
        return metric + " vs n";
    }

    /** The x axis of a curve against the sample sizes, as the report reads it from the artifact {@link CurveAxis#ARTIFACT}. */
    static Map<String, Object> axis(List<Integer> sizes) {
        return CurveAxis.declare("sample size n", sizes);
    }

    static TrialOutcome outcome(Evidence e, CriterionPlugin criterion, Settings s, boolean computedHere) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        Map<String, Object> artifacts = new LinkedHashMap<>();
        Map<String, Object> axes = new LinkedHashMap<>();
        artifacts.put(CurveAxis.ARTIFACT, axes);

        sweep(e.polynomial(), criterion, s.sampleSizes(), "", MEAN_ORDER, metrics, curves, axes);
        artifacts.put("trueOrder", s.trueOrder());
        artifacts.put("polynomial", s.polynomial());
        artifacts.put("candidateOrders", "0.." + s.maxOrder());
        artifacts.put("sampleSizes", s.sampleSizes());
        artifacts.put("noiseLevels", s.noiseLevels());
        artifacts.put("replicatesPerCell", s.replicates());
        artifacts.put("recoveryRateByNoise", byNoise(e.polynomial(), criterion, s));
        artifacts.put("selectedOrderCounts", choiceCounts(e.polynomial(), criterion, s.sampleSizes(), s.maxOrder()));

        if (!e.mixture().cells().isEmpty() && s.mixtureReplicates() > 0) {
            sweep(e.mixture(), criterion, s.mixtureSizes(), MIXTURE, MEAN_COMPONENTS, metrics, curves, axes);
            artifacts.put("trueComponents", s.components());
            artifacts.put("candidateComponents", "1.." + s.maxComponents());
            artifacts.put("mixtureSizes", s.mixtureSizes());
            artifacts.put("mixtureReplicatesPerSize", s.mixtureReplicates());
            artifacts.put("selectedComponentCounts", choiceCounts(e.mixture(), criterion, s.mixtureSizes(),
                    s.maxComponents() - 1));
        }

        if (!e.networks().isEmpty()) {
            networks(e.networks(), criterion, metrics, artifacts);
        }
        artifacts.put("evidenceComputedInThisTrial", computedHere);
        artifacts.put("evidenceSeconds", e.seconds());
        artifacts.put("dataSource", e.dataSource());
        Cost cost = new Cost(0, 0, 0, e.totalSeconds(), 0, 0, -1);
        return new TrialOutcome(metrics, curves, cost, artifacts);
    }

    /**
     * {@code <prefix>recoveryRate} (the mean over the sample sizes, each size weighted equally), then per size the
     * recovery rate, the over-selection rate and the mean chosen size, and the two rates as curves against n (their
     * x axes declared in {@code axes}).
     */
    private static void sweep(Sweep sweep, CriterionPlugin criterion, List<Integer> sizes, String prefix,
                              String meanName, Map<String, Double> metrics, Map<String, List<Double>> curves,
                              Map<String, Object> axes) {
        List<Sweep.Tally> tallies = sizes.stream().map(n -> sweep.tally(criterion, n, null)).toList();
        List<Double> recovery = tallies.stream().map(Sweep.Tally::recoveryRate).toList();
        List<Double> over = tallies.stream().map(Sweep.Tally::overSelectRate).toList();
        metrics.put(prefix + RECOVERY, recovery.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
        for (int i = 0; i < sizes.size(); i++) {
            metrics.put(at(prefix + RECOVERY, sizes.get(i)), recovery.get(i));
        }
        for (int i = 0; i < sizes.size(); i++) {
            metrics.put(at(prefix + OVER, sizes.get(i)), over.get(i));
        }
        for (int i = 0; i < sizes.size(); i++) {
            double mean = tallies.get(i).meanSize();
            if (Double.isFinite(mean)) {
                metrics.put(at(prefix + meanName, sizes.get(i)), mean);
            }
        }
        curves.put(curve(prefix + RECOVERY), recovery);
        curves.put(curve(prefix + OVER), over);
        axes.put(curve(prefix + RECOVERY), axis(sizes));
        axes.put(curve(prefix + OVER), axis(sizes));
    }

    /** {@code sigma=0.5 → [recovery rate at each n]}. */
    private static Map<String, List<Double>> byNoise(Sweep sweep, CriterionPlugin criterion, Settings s) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (double sigma : s.noiseLevels()) {
            out.put("sigma=" + sigma, s.sampleSizes().stream()
                    .map(n -> sweep.tally(criterion, n, sigma).recoveryRate()).toList());
        }
        return out;
    }

    /** {@code n=20 → [how often each candidate was chosen]}, candidates in order. */
    private static Map<String, List<Integer>> choiceCounts(Sweep sweep, CriterionPlugin criterion, List<Integer> sizes,
                                                           int lastIndex) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        for (int n : sizes) {
            int[] counts = new int[lastIndex + 1];
            for (Sweep.Cell c : sweep.cells()) {
                if (c.n() == n) {
                    for (List<InformationCriteria> candidates : c.replicates()) {
                        int chosen = criterion.select(candidates);
                        if (chosen >= 0) {
                            counts[chosen]++;
                        }
                    }
                }
            }
            List<Integer> list = new ArrayList<>();
            for (int v : counts) {
                list.add(v);
            }
            out.put("n=" + n, list);
        }
        return out;
    }

    private static void networks(List<NetworkStudy.Candidate> candidates, CriterionPlugin criterion,
                                 Map<String, Double> metrics, Map<String, Object> artifacts) {
        int chosen = criterion.select(candidates.stream().map(NetworkStudy.Candidate::criteria).toList());
        double best = candidates.stream().mapToDouble(NetworkStudy.Candidate::testAccuracy).max().orElseThrow();
        if (chosen >= 0) {
            NetworkStudy.Candidate c = candidates.get(chosen);
            metrics.put(NET_ACCURACY, c.testAccuracy());
            metrics.put(NET_PARAMS, (double) c.criteria().k());
            metrics.put(NET_REGRET, best - c.testAccuracy());
            artifacts.put("selectedNetwork", c.spec());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            NetworkStudy.Candidate c = candidates.get(i);
            InformationCriteria ic = c.criteria();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("network", c.spec());
            row.put("k", ic.k());
            row.put("n", ic.n());
            row.put("logLikelihood", ic.logLikelihood());
            row.put("aic", ic.aic());
            row.put("aicc", Double.isFinite(ic.aicc()) ? ic.aicc() : null);
            row.put("bic", ic.bic());
            row.put("trainLoss", c.trainLoss());
            row.put("testAccuracy", c.testAccuracy());
            row.put("trainSeconds", c.trainSeconds());
            row.put("selected", i == chosen);
            rows.add(row);
        }
        artifacts.put("networks", rows);
    }
}
