package ablate.plugins.modelselection;

import ablate.harness.spi.TrialOutcome;
import ablate.metrics.selection.InformationCriteria;
import ablate.reports.CurveAxis;
import ablate.results.Direction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The recovery bookkeeping on hand-made candidates whose choices are worked out below. */
class ScoresTest {
    /** Candidates of order 0..3 (k = 1..4) with the given log-likelihoods, n observations. */
    static List<InformationCriteria> candidates(int n, double... logLikelihoods) {
        List<InformationCriteria> out = new ArrayList<>();
        for (int i = 0; i < logLikelihoods.length; i++) {
            out.add(InformationCriteria.of(logLikelihoods[i], i + 1, n));
        }
        return out;
    }

    // n = 100, ln 100 = 4.605:
    // A: AIC = 202, 104, 104.8, 103.8 -> order 3 (over); BIC = 204.6, 109.2, 112.6, 114.2 -> order 1 (true)
    static final List<InformationCriteria> A = candidates(100, -100, -50, -49.4, -47.9);
    // B: AIC = 202, 203.8, 205.6, 207.4 -> order 0 (under); BIC the same way
    static final List<InformationCriteria> B = candidates(100, -100, -99.9, -99.8, -99.7);
    // C: AIC = 202, 104, 106, 108 -> order 1 (true); BIC too
    static final List<InformationCriteria> C = candidates(100, -100, -50, -50, -50);
    static final List<InformationCriteria> C400 = candidates(400, -100, -50, -50, -50);

    static final Sweep SWEEP = new Sweep(1, 0, List.of(
            new Sweep.Cell(100, 0.5, List.of(A, B, C)),
            new Sweep.Cell(400, 0.5, List.of(C400, C400))));

    static Settings settings(List<Integer> sizes, List<Integer> mixtureSizes, int mixtureReplicates) {
        Settings d = Settings.DEFAULT;
        return new Settings(List.of(1.0, 2.0), 3, sizes, List.of(0.5), 3, 2, 4, d.separation(), mixtureSizes,
                mixtureReplicates, List.of());
    }

    @Test
    void ratesPerSampleSizeAndTheirMeanForAic() {
        Evidence e = new Evidence(SWEEP, new Sweep(2, 1, List.of()), List.of(), "test", Map.of("polynomial", 1.5));
        TrialOutcome o = Scores.outcome(e, new AicPlugin(), settings(List.of(100, 400), List.of(), 0), true);
        Map<String, Double> m = o.metrics();
        assertThat(m.keySet()).containsExactly("recoveryRate", "recoveryRate@n=100", "recoveryRate@n=400",
                "overSelectRate@n=100", "overSelectRate@n=400", "meanSelectedOrder@n=100", "meanSelectedOrder@n=400");
        assertThat(m.get("recoveryRate@n=100")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.get("overSelectRate@n=100")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.get("meanSelectedOrder@n=100")).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(m.get("recoveryRate@n=400")).isEqualTo(1.0);
        assertThat(m.get("recoveryRate")).isCloseTo((1.0 / 3 + 1) / 2, within(1e-12));
        assertThat(o.curves()).containsOnlyKeys("recoveryRate vs n", "overSelectRate vs n");
        assertThat(o.curves().get("recoveryRate vs n")).containsExactly(1.0 / 3, 1.0);
        Map<String, Object> axis = Map.of("label", "sample size n", "values", List.of(100, 400));
        assertThat(o.artifacts().get(CurveAxis.ARTIFACT))
                .isEqualTo(Map.of("recoveryRate vs n", axis, "overSelectRate vs n", axis));
        assertThat(o.artifacts().get("selectedOrderCounts"))
                .isEqualTo(Map.of("n=100", List.of(1, 1, 0, 1), "n=400", List.of(0, 2, 0, 0)));
        assertThat(o.artifacts()).containsEntry("sampleSizes", List.of(100, 400)).doesNotContainKey("mixtureSizes");
        assertThat(o.cost().trainSeconds()).isEqualTo(1.5);
    }

    @Test
    void bicRecoversWhereAicOverSelects() {
        Evidence e = new Evidence(SWEEP, new Sweep(2, 1, List.of()), List.of(), "test", Map.of());
        Map<String, Double> m = Scores.outcome(e, new BicPlugin(), settings(List.of(100, 400), List.of(), 0), true)
                .metrics();
        assertThat(m.get("recoveryRate@n=100")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.get("overSelectRate@n=100")).isEqualTo(0.0);
        assertThat(m.get("meanSelectedOrder@n=100")).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void mixtureSweepCountsComponentsFromOneAndAReplicateWithNoUsableFitCountsAsNeitherRecoveredNorOver() {
        List<InformationCriteria> failed = new ArrayList<>();
        failed.add(null);
        failed.add(null);
        // candidates K = 1, 2: K = 2 is true and chosen by AIC (202 vs 104)
        Sweep mixture = new Sweep(2, 1, List.of(new Sweep.Cell(50, 0, List.of(candidates(50, -100, -50), failed))));
        Evidence e = new Evidence(SWEEP, mixture, List.of(), "test", Map.of());
        Map<String, Double> m = Scores.outcome(e, new AicPlugin(), settings(List.of(100, 400), List.of(50), 2), false)
                .metrics();
        assertThat(m).containsEntry("mixture.recoveryRate", 0.5).containsEntry("mixture.recoveryRate@n=50", 0.5)
                .containsEntry("mixture.overSelectRate@n=50", 0.0)
                .containsEntry("mixture.meanSelectedComponents@n=50", 2.0);
    }

    @Test
    void networksReportTheChosenCandidateAndItsShortfallFromTheBestTestAccuracy() {
        var small = new NetworkStudy.Candidate("small", InformationCriteria.of(-600, 10, 1000), 0.6, 0.70, 1);
        var large = new NetworkStudy.Candidate("large", InformationCriteria.of(-500, 50, 1000), 0.5, 0.80, 1);
        // AIC: 1220 vs 1100 -> large; BIC: 1200 + 10 ln 1000 = 1269.1 vs 1000 + 50 ln 1000 = 1345.4 -> small
        Evidence e = new Evidence(SWEEP, new Sweep(2, 1, List.of()), List.of(small, large), "test", Map.of());
        Settings s = settings(List.of(100, 400), List.of(), 0);
        assertThat(Scores.outcome(e, new AicPlugin(), s, true).metrics())
                .containsEntry("network.selectedTestAccuracy", 0.80).containsEntry("network.selectedParams", 50.0)
                .containsEntry("network.testAccuracyRegret", 0.0);
        TrialOutcome bic = Scores.outcome(e, new BicPlugin(), s, true);
        assertThat(bic.metrics()).containsEntry("network.selectedTestAccuracy", 0.70)
                .containsEntry("network.selectedParams", 10.0);
        assertThat(bic.metrics().get("network.testAccuracyRegret")).isCloseTo(0.10, within(1e-12));
        assertThat(bic.artifacts()).containsEntry("selectedNetwork", "small");
    }

    /** The metric names the default settings produce (with networks), on one made-up replicate per cell. */
    static Set<String> defaultMetricNames() {
        Settings s = Settings.DEFAULT;
        List<Sweep.Cell> poly = s.sampleSizes().stream().map(n -> new Sweep.Cell(n, 0.5,
                List.of(candidates(n, -10, -5, -4, -3)))).toList();
        List<Sweep.Cell> mix = s.mixtureSizes().stream().map(n -> new Sweep.Cell(n, 0,
                List.of(candidates(n, -10, -5, -4)))).toList();
        var net = new NetworkStudy.Candidate("net", InformationCriteria.of(-600, 10, 1000), 0.6, 0.7, 1);
        Evidence e = new Evidence(new Sweep(3, 0, poly), new Sweep(3, 1, mix), List.of(net), "test", Map.of());
        return Scores.outcome(e, new AicPlugin(), s, true).metrics().keySet();
    }

    @Test
    void theTaskDeclaresADirectionForEveryMetricItRecords() {
        Set<String> names = defaultMetricNames();
        Map<String, Direction> declared = new ModelSelectionTask(Set.of()).metrics();
        assertThat(Direction.undeclared(declared, names)).isEmpty();
        assertThat(names).contains("overSelectRate@n=20", "overSelectRate@n=1000", "mixture.overSelectRate@n=1000",
                "network.testAccuracyRegret", "network.selectedParams");
        for (String lower : List.of("overSelectRate@n=20", "mixture.overSelectRate@n=1000", "network.testAccuracyRegret")) {
            assertThat(Direction.of(declared, lower)).as(lower).isEqualTo(Direction.LOWER);
        }
        assertThat(Direction.of(declared, "meanSelectedOrder@n=20")).isEqualTo(Direction.NONE);
        assertThat(Direction.of(declared, new ModelSelectionTask(Set.of()).primaryMetric())).isEqualTo(Direction.HIGHER);
    }
}
