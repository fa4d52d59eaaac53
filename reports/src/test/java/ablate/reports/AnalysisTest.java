package ablate.reports;

import ablate.results.Cost;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AnalysisTest {
    static final double[] BASE = {0.80, 0.82, 0.81, 0.83, 0.79};
    static final double[] UP = {0.030, 0.021, 0.012, 0.034, 0.025};
    static final double[] FLAT = {0.010, -0.012, 0.004, -0.003};
    static final double[] DOWN = {0.020, 0.030, 0.025, 0.018, 0.028};

    /**
     * Baseline plus three variants on seeds 1..5; "flat" failed on seed 5, so it pairs over 4 seeds.
     * Reference values (scipy 1.17.1):
     * <pre>
     * import numpy as np, scipy.stats as st
     * base=np.array([0.80,0.82,0.81,0.83,0.79])
     * up=base+np.array([0.030,0.021,0.012,0.034,0.025])
     * flat=base[:4]+np.array([0.010,-0.012,0.004,-0.003])
     * down=base-np.array([0.020,0.030,0.025,0.018,0.028])
     * ci = lambda v: st.t.interval(0.95, len(v)-1, loc=v.mean(), scale=st.sem(v))
     * for v in (base, up, flat): v.mean(), v.std(ddof=1), ci(v)
     * for v, b in ((up, base), (flat, base[:4]), (down, base)):
     *     st.ttest_rel(v, b), st.wilcoxon(v, b), (v-b).mean(), ci(v-b)
     * </pre>
     * Holm by hand (statsmodels is not installed): sort the p-values, multiply the i-th smallest (from 0) by
     * (m - i), take the running maximum, cap at 1.
     */
    static List<TrialResult> referenceTrials() {
        List<TrialResult> trials = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long seed = i + 1;
            trials.add(Fixtures.passed("base", seed, BASE[i]));
            trials.add(Fixtures.passed("up", seed, BASE[i] + UP[i]));
            trials.add(Fixtures.passed("down", seed, BASE[i] - DOWN[i]));
            trials.add(i < 4 ? Fixtures.passed("flat", seed, BASE[i] + FLAT[i])
                    : Fixtures.trial("flat", seed, Status.FAILED, "boom", Map.of("accuracy", 0.1), Map.of(), Cost.NONE, Map.of()));
        }
        return trials;
    }

    static SuiteInfo referenceSuite() {
        SuiteInfo.ClaimInfo raises = new SuiteInfo.ClaimInfo("p", "accuracy", "HIGHER", "raises accuracy");
        return Fixtures.suite(List.of(
                Fixtures.variant("base", "x.none", Map.of()),
                Fixtures.variant("up", "x.up", Map.of(), raises),
                Fixtures.variant("flat", "x.flat", Map.of(), raises),
                Fixtures.variant("down", "x.down", Map.of(), raises)), List.of(1L, 2L, 3L, 4L, 5L));
    }

    @Test
    void summariesMatchScipy() {
        Analysis a = Analysis.of(referenceSuite(), referenceTrials());
        var base = a.variant("base").orElseThrow().metric("accuracy").summary();
        assertThat(base.n()).isEqualTo(5);
        assertThat(base.mean()).isCloseTo(0.8100000000000002, within(1e-12));
        assertThat(base.sd()).isCloseTo(0.015811388300841858, within(1e-12));
        assertThat(base.ciLow()).isCloseTo(0.7903675683852246, within(1e-9));
        assertThat(base.ciHigh()).isCloseTo(0.8296324316147757, within(1e-9));
        var up = a.variant("up").orElseThrow().metric("accuracy").summary();
        assertThat(up.mean()).isCloseTo(0.8344000000000001, within(1e-12));
        assertThat(up.ciLow()).isCloseTo(0.8106034195811016, within(1e-9));
        assertThat(up.ciHigh()).isCloseTo(0.8581965804188987, within(1e-9));
        // flat's failed seed (accuracy 0.1) is left out: n=4, mean 0.81475, CI (0.80116234558102, 0.82833765441898)
        var flat = a.variant("flat").orElseThrow().metric("accuracy").summary();
        assertThat(flat.n()).isEqualTo(4);
        assertThat(flat.mean()).isCloseTo(0.81475, within(1e-12));
        assertThat(flat.ciLow()).isCloseTo(0.80116234558102, within(1e-9));
        assertThat(flat.ciHigh()).isCloseTo(0.82833765441898, within(1e-9));
    }

    @Test
    void pairedComparisonsMatchScipyWithHolm() {
        Analysis a = Analysis.of(referenceSuite(), referenceTrials());
        assertThat(a.variant("base").orElseThrow().metric("accuracy").vsBaseline()).isNull();

        Comparison up = a.variant("up").orElseThrow().metric("accuracy").vsBaseline();
        assertThat(up.pairs()).isEqualTo(5);
        assertThat(up.difference().mean()).isCloseTo(0.024400000000000022, within(1e-12));
        assertThat(up.difference().ciLow()).isCloseTo(0.013842204693939363, within(1e-9));
        assertThat(up.difference().ciHigh()).isCloseTo(0.034957795306060684, within(1e-9));
        assertThat(up.pairedT().statistic()).isCloseTo(6.4166105330662475, within(1e-9));
        assertThat(up.pairedT().pValue()).isCloseTo(0.003031708961403226, within(1e-12));
        assertThat(up.wilcoxon().pValue()).isCloseTo(0.0625, within(1e-12));

        Comparison flat = a.variant("flat").orElseThrow().metric("accuracy").vsBaseline();
        assertThat(flat.pairs()).isEqualTo(4);
        assertThat(flat.difference().mean()).isCloseTo(-0.0002500000000000002, within(1e-12));
        assertThat(flat.difference().ciLow()).isCloseTo(-0.01531068406928076, within(1e-9));
        assertThat(flat.pairedT().statistic()).isCloseTo(-0.05282705437953742, within(1e-9));
        assertThat(flat.pairedT().pValue()).isCloseTo(0.9611906205576917, within(1e-12));
        assertThat(flat.wilcoxon().pValue()).isCloseTo(1.0, within(1e-12));

        Comparison down = a.variant("down").orElseThrow().metric("accuracy").vsBaseline();
        assertThat(down.pairedT().statistic()).isCloseTo(-10.571819085598559, within(1e-9));
        assertThat(down.pairedT().pValue()).isCloseTo(0.0004529819480256302, within(1e-12));

        // Holm over {up, flat, down}: down 3×0.000452981948 = 0.001358945844, up 2×0.003031708961 = 0.006063417923,
        // flat max(1×0.961190620558, previous) = 0.961190620558; Wilcoxon: 3×0.0625, max(2×0.0625, 0.1875), 1.
        assertThat(down.pHolm()).isCloseTo(3 * 0.0004529819480256302, within(1e-12));
        assertThat(up.pHolm()).isCloseTo(2 * 0.003031708961403226, within(1e-12));
        assertThat(flat.pHolm()).isCloseTo(0.9611906205576917, within(1e-12));
        assertThat(up.pHolmWilcoxon()).isCloseTo(0.1875, within(1e-12));
        assertThat(down.pHolmWilcoxon()).isCloseTo(0.1875, within(1e-12));
        assertThat(flat.pHolmWilcoxon()).isCloseTo(1.0, within(1e-12));
        assertThat(up.mark()).isEqualTo("**");
        assertThat(down.mark()).isEqualTo("**");
        assertThat(flat.mark()).isEqualTo("n.s.");
    }

    @Test
    void claimVerdictsFollowTheHolmAdjustedPairedTest() {
        Analysis a = Analysis.of(referenceSuite(), referenceTrials());
        assertThat(a.claims()).extracting(ClaimVerdict::variant).containsExactly("up", "flat", "down");
        ClaimVerdict up = a.claims().get(0);
        ClaimVerdict flat = a.claims().get(1);
        ClaimVerdict down = a.claims().get(2);
        assertThat(up.verdict()).isEqualTo(ClaimVerdict.Verdict.REPRODUCED);
        assertThat(up.reason()).isEqualTo("Δ=+0.0244, n=5, p=0.0061 (paired t, Holm)");
        assertThat(flat.verdict()).isEqualTo(ClaimVerdict.Verdict.INCONCLUSIVE);
        assertThat(flat.reason()).contains("n=4", "p=0.961", "not significant");
        assertThat(down.verdict()).isEqualTo(ClaimVerdict.Verdict.CONTRADICTED);
        assertThat(down.reason()).contains("Δ=−0.0242", "p=0.0014");
    }

    @Test
    void inconclusiveClaimsSayWhy() {
        SuiteInfo.ClaimInfo onMap = new SuiteInfo.ClaimInfo("p", "mAP", "HIGHER", "raises mAP");
        SuiteInfo.ClaimInfo onAcc = new SuiteInfo.ClaimInfo("p", "accuracy", "LOWER", "lowers accuracy");
        SuiteInfo suite = Fixtures.suite(List.of(
                Fixtures.variant("base", "x.none", Map.of()),
                Fixtures.variant("one", "x.one", Map.of(), onMap, onAcc),
                Fixtures.variant("none-shared", "x.ns", Map.of(), onAcc)), List.of(1L, 2L));
        List<TrialResult> trials = List.of(
                Fixtures.passed("base", 1, 0.8), Fixtures.passed("base", 2, 0.81),
                Fixtures.passed("one", 1, 0.7),
                Fixtures.trial("one", 2, Status.DIVERGED, "NaN", Map.of(), Map.of(), Cost.NONE, Map.of()),
                Fixtures.passed("none-shared", 3, 0.9));
        Analysis a = Analysis.of(suite, trials);
        assertThat(a.claims()).extracting(ClaimVerdict::verdict).containsOnly(ClaimVerdict.Verdict.INCONCLUSIVE);
        assertThat(a.claims().get(0).reason()).isEqualTo("metric 'mAP' was not measured by this task");
        assertThat(a.claims().get(1).reason()).isEqualTo("n=1 paired seed; a paired test needs at least 2");
        assertThat(a.claims().get(2).reason()).isEqualTo("no seed on which both this variant and the baseline passed");
    }

    @Test
    void constantDifferenceOnACostMetricIsInconclusiveWithItsReason() {
        SuiteInfo.ClaimInfo cheaper = new SuiteInfo.ClaimInfo("p", "totalParams", "LOWER", "fewer parameters");
        SuiteInfo suite = Fixtures.suite(List.of(Fixtures.variant("base", "x", Map.of()),
                Fixtures.variant("small", "y", Map.of(), cheaper)), List.of(1L, 2L, 3L));
        List<TrialResult> trials = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            Cost big = new Cost(1000, 1000, 5000, 1, 1, 1, -1);
            Cost small = new Cost(800, 800, 4000, 1, 1, 1, -1);
            trials.add(Fixtures.trial("base", seed, Status.PASSED, null, Map.of("accuracy", 0.5 + seed / 100.0), Map.of(), big, Map.of()));
            trials.add(Fixtures.trial("small", seed, Status.PASSED, null, Map.of("accuracy", 0.5), Map.of(), small, Map.of()));
        }
        Analysis a = Analysis.of(suite, trials);
        assertThat(a.metrics()).containsExactly("accuracy");
        ClaimVerdict v = a.claims().get(0);
        assertThat(v.verdict()).isEqualTo(ClaimVerdict.Verdict.INCONCLUSIVE);
        assertThat(v.reason()).contains("n=3", "−200", "on every seed");
        assertThat(a.variant("small").orElseThrow().cost().totalParams()).isEqualTo(800);
    }

    @Test
    void rankingRespectsDirectionAndFlagsOverlappingIntervals() {
        Analysis a = Analysis.of(referenceSuite(), referenceTrials());
        assertThat(a.ranking()).extracting(RankEntry::variant).containsExactly("up", "flat", "base", "down");
        assertThat(a.ranking().get(0).overlapsWith()).containsExactly("flat", "base");
        // up's CI overlaps flat's, but the paired test over their 4 common seeds tells them apart (Holm p < 0.05)
        assertThat(a.ranking().get(0).indistinctFrom()).isEmpty();
        assertThat(a.ranking().get(1).indistinctFrom()).contains("base");
        assertThat(a.best()).map(VariantAnalysis::name).contains("up");

        SuiteInfo lower = new SuiteInfo("s", "f", "regression", "error", List.of("error"), "a",
                List.of(new SuiteInfo.Variant("a", Map.of(), List.of()), new SuiteInfo.Variant("b", Map.of(), List.of())),
                List.of(1L, 2L, 3L), Map.of(), Map.of());
        List<TrialResult> trials = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            trials.add(Fixtures.trial("a", seed, Status.PASSED, null, Map.of("error", 0.30 + seed / 1000.0), Map.of(), Cost.NONE, Map.of()));
            trials.add(Fixtures.trial("b", seed, Status.PASSED, null, Map.of("error", 0.20 + seed / 1000.0), Map.of(), Cost.NONE, Map.of()));
        }
        Analysis b = Analysis.of(lower, trials);
        assertThat(b.ranking()).extracting(RankEntry::variant).containsExactly("b", "a");
        assertThat(b.ranking().get(0).separated()).isTrue();
    }

    @Test
    void theRankingBannerNeverJoinsVariantsTheTableCallsSignificantlyDifferent() {
        // se is worse than the baseline on every seed (marked ** in the table); eca and simam are so noisy that no
        // test separates them from either: CI overlap alone chained all four into "none ≈ simam ≈ eca ≈ se".
        double[] base = {0.80, 0.82, 0.81, 0.83, 0.79};
        double[] se = {-0.030, -0.032, -0.029, -0.031, -0.033};
        double[] eca = {0.02, -0.05, 0.01, -0.06, 0.03};
        double[] simam = {-0.04, 0.03, -0.05, 0.02, 0.01};
        List<TrialResult> trials = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            trials.add(Fixtures.passed("none", i + 1, base[i]));
            trials.add(Fixtures.passed("se", i + 1, base[i] + se[i]));
            trials.add(Fixtures.passed("eca", i + 1, base[i] + eca[i]));
            trials.add(Fixtures.passed("simam", i + 1, base[i] + simam[i]));
        }
        SuiteInfo suite = Fixtures.suite(List.of(Fixtures.variant("none", "x.none", Map.of()),
                Fixtures.variant("se", "x.se", Map.of()), Fixtures.variant("eca", "x.eca", Map.of()),
                Fixtures.variant("simam", "x.simam", Map.of())), List.of(1L, 2L, 3L, 4L, 5L));
        Analysis a = Analysis.of(suite, trials);
        Comparison seVsBase = a.variant("se").orElseThrow().metric("accuracy").vsBaseline();
        assertThat(seVsBase.mark()).isIn("*", "**", "***");
        assertThat(Analysis.overlap(a.variant("se").orElseThrow().metric("accuracy").summary(),
                a.variant("eca").orElseThrow().metric("accuracy").summary())).isTrue();

        assertThat(a.rankGroups()).isNotEmpty().noneMatch(g -> g.contains("none") && g.contains("se"));
        RankEntry none = a.ranking().stream().filter(r -> r.variant().equals("none")).findFirst().orElseThrow();
        assertThat(none.indistinctFrom()).doesNotContain("se").contains("eca", "simam");
        String html = HtmlReport.render(a);
        assertThat(html).doesNotContainPattern("none ≈ [^;<]*se|se ≈ [^;<]*none");
    }

    @Test
    void aVariantWithNoPassedTrialSaysSoInsteadOfNotMeasured() {
        SuiteInfo.ClaimInfo raises = new SuiteInfo.ClaimInfo("x.se", "accuracy", "HIGHER", "raises accuracy");
        SuiteInfo suite = Fixtures.suite(List.of(Fixtures.variant("none", "x.none", Map.of()),
                Fixtures.variant("se", "x.se", Map.of(), raises)), List.of(1L, 2L, 3L));
        List<TrialResult> trials = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            trials.add(Fixtures.passed("none", seed, 0.8 + seed / 100.0));
        }
        trials.add(Fixtures.trial("se", 1, Status.FAILED, "boom", Map.of(), Map.of(), Cost.NONE, Map.of()));
        trials.add(Fixtures.trial("se", 2, Status.DIVERGED, "NaN", Map.of(), Map.of(), Cost.NONE, Map.of()));
        trials.add(Fixtures.trial("se", 3, Status.TIMED_OUT, "slow", Map.of(), Map.of(), Cost.NONE, Map.of()));
        Analysis a = Analysis.of(suite, trials);
        ClaimVerdict v = a.claims().get(0);
        assertThat(v.verdict()).isEqualTo(ClaimVerdict.Verdict.INCONCLUSIVE);
        assertThat(v.reason()).contains("no trial passed (1 failed, 1 diverged, 1 timed out)").doesNotContain("not measured");
        assertThat(HtmlReport.render(a)).contains("no trial passed (1 failed, 1 diverged, 1 timed out)")
                .doesNotContain("was not measured");
    }

    @Test
    void failedTrialsWithoutADataSourceShareTheirEnvironmentsProvenance() {
        ablate.results.Provenance noData = new ablate.results.Provenance("0.1.0", "ff585af", "17.0.15", "PyTorch",
                "2.5.1", 2, "0.32.0", "cpu()", "Intel(R) Xeon(R) CPU @ 2.20GHz", "Linux 6.1 amd64", null);
        List<TrialResult> trials = new ArrayList<>(referenceTrials());
        TrialResult failed = trials.stream().filter(t -> t.status() == Status.FAILED).findFirst().orElseThrow();
        trials.set(trials.indexOf(failed), new TrialResult(failed.id(), failed.variant(), failed.seed(), failed.config(),
                failed.status(), failed.error(), failed.metrics(), failed.curves(), failed.cost(), failed.artifacts(),
                noData, failed.startedAt(), failed.wallSeconds()));
        Analysis a = Analysis.of(referenceSuite(), trials);
        assertThat(a.provenance()).singleElement()
                .satisfies(p -> assertThat(p.dataSource()).isEqualTo(Fixtures.PROVENANCE.dataSource()));
        assertThat(a.provenanceGroups().values()).containsExactly((long) trials.size());
        assertThat(HtmlReport.render(a).split("<dl class=\"kv\">").length - 1).isEqualTo(1);
    }

    @Test
    void failuresAreListedAndExcluded() {
        Analysis a = Analysis.of(referenceSuite(), referenceTrials());
        assertThat(a.failures()).singleElement().satisfies(t -> {
            assertThat(t.variant()).isEqualTo("flat");
            assertThat(t.error()).isEqualTo("boom");
        });
        assertThat(a.count(Status.PASSED)).isEqualTo(19);
        assertThat(a.variant("flat").orElseThrow().passed()).hasSize(4);
        assertThat(a.variant("flat").orElseThrow().failedCount()).isEqualTo(1);
    }

    @Test
    void meanCurvesAverageOverSeedsPerEpoch() {
        SuiteInfo suite = Fixtures.suite(List.of(Fixtures.variant("a", "x", Map.of())), List.of(1L, 2L));
        List<TrialResult> trials = List.of(
                Fixtures.trial("a", 1, Status.PASSED, null, Map.of("accuracy", 1.0), Map.of("loss", List.of(1.0, 0.5, 0.2)), Cost.NONE, Map.of()),
                Fixtures.trial("a", 2, Status.PASSED, null, Map.of("accuracy", 1.0), Map.of("loss", List.of(3.0, Double.NaN)), Cost.NONE, Map.of()));
        assertThat(Analysis.of(suite, trials).variant("a").orElseThrow().curves().get("loss"))
                .containsExactly(2.0, 0.5, 0.2);
    }

    @Test
    void aLatencySavingWithinTheNoiseEarnsNoParetoBadge() {
        // one detector, three post-processors: "fast" saves 2 ms on a 10 ms median whose p95 is 14 ms (noise 4 ms),
        // which is no saving; "cheap" saves 8 ms, more than either variant's noise.
        SuiteInfo suite = Fixtures.suite(List.of(Fixtures.variant("base", "x.none", Map.of()),
                Fixtures.variant("fast", "x.fast", Map.of()), Fixtures.variant("cheap", "x.cheap", Map.of())),
                List.of(1L, 2L, 3L));
        double[][] latency = {{10, 14}, {8, 10}, {2, 2.5}};
        double[] metric = {0.50, 0.48, 0.45};
        List<TrialResult> trials = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            for (int v = 0; v < 3; v++) {
                Cost cost = new Cost(100, 100, 1000, 1, latency[v][0], latency[v][1], -1);
                trials.add(Fixtures.trial(List.of("base", "fast", "cheap").get(v), seed, Status.PASSED, null,
                        Map.of("accuracy", metric[v] + seed / 1000.0), Map.of(), cost, Map.of()));
            }
        }
        Analysis a = Analysis.of(suite, trials);
        assertThat(a.paretoFront(c -> c.latencyMedianMs().mean())).contains("fast"); // the bare medians would badge it
        assertThat(a.paretoFront(Analysis::latency, Analysis::latencyNoise)).containsExactly("cheap", "base");
        assertThat(SummaryJson.toJson(a).get("variants").get(1).get("paretoFront").get("latency").asBoolean()).isFalse();
    }

    @Test
    void paretoFrontKeepsOnlyUndominatedPoints() {
        List<Pareto.Point> points = List.of(new Pareto.Point("cheap", 1, 0.80), new Pareto.Point("mid", 2, 0.85),
                new Pareto.Point("dominated", 3, 0.84), new Pareto.Point("best", 5, 0.90),
                new Pareto.Point("tie", 2, 0.85), new Pareto.Point("nan", Double.NaN, 1.0));
        assertThat(Pareto.front(points, false)).extracting(Pareto.Point::name)
                .containsExactly("cheap", "mid", "tie", "best");
        assertThat(Pareto.front(points, true)).extracting(Pareto.Point::name).containsExactly("cheap");
    }

    @Test
    void aSuffixedMetricFollowsItsBaseNameOnLowerIsBetter() {
        String suffixed = "postprocessMs@crowding=0.5";
        SuiteInfo f = Fixtures.suite(List.of(Fixtures.variant("slow", "x", Map.of()), Fixtures.variant("fast", "y", Map.of())),
                List.of(1L, 2L));
        SuiteInfo suite = new SuiteInfo(f.name(), f.file(), "detection", suffixed, List.of("postprocessMs"), "slow",
                f.variants(), f.seeds(), f.dataset(), f.budget());
        List<TrialResult> trials = new ArrayList<>();
        for (long seed = 1; seed <= 2; seed++) {
            trials.add(Fixtures.trial("slow", seed, Status.PASSED, null, Map.of(suffixed, 9.0 + seed, "mAP@crowding=0.5", 0.4),
                    Map.of(), Cost.NONE, Map.of()));
            trials.add(Fixtures.trial("fast", seed, Status.PASSED, null, Map.of(suffixed, 2.0 + seed, "mAP@crowding=0.5", 0.4),
                    Map.of(), Cost.NONE, Map.of()));
        }
        Analysis a = Analysis.of(suite, trials);

        assertThat(a.lowerIsBetter("postprocessMs")).isTrue();
        assertThat(a.lowerIsBetter(suffixed)).isTrue();
        assertThat(a.lowerIsBetter("mAP@crowding=0.5")).isFalse();
        assertThat(a.lowerIsBetter("postprocessMsTotal")).isFalse(); // a longer name is another metric
        assertThat(a.lowerIsBetter("trainSeconds")).isTrue();        // a cost figure
        assertThat(a.ranking().get(0).variant()).isEqualTo("fast");
    }
}
