package ablate.reports.compare;

import ablate.results.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GateTest {
    @TempDir
    Path dir;

    private GateResult compare(Runs base, Runs head, Map<String, Double> tol) {
        return Gate.compare(RunSnapshot.read(base.write(dir.resolve("base"))),
                RunSnapshot.read(head.write(dir.resolve("new"))), tol);
    }

    private static MetricChange change(GateResult r, String variant, String metric) {
        return r.changes().stream().filter(c -> c.variant().equals(variant) && c.metric().equals(metric)).findFirst()
                .orElseThrow();
    }

    /**
     * Differences −0.05, −0.055, −0.045: mean −0.05, sd 0.005, t = −17.3205 on 2 df, so p = 1 − t/√(t²+2) = 0.0033168
     * (the t(2) CDF in closed form); Holm over two tests (ece did not move, p = 1) doubles it; CI half-width
     * t(0.975, 2) · 0.005/√3 = 4.302653 · 0.0028868 = 0.012421.
     */
    @Test
    void aDropBeyondTheToleranceRegressesWithHandComputedStatistics() {
        GateResult r = compare(Runs.suite("s").accuracy("baseline", 0.80, 0.82, 0.78),
                Runs.suite("s").accuracy("baseline", 0.75, 0.765, 0.735), Map.of("accuracy", 0.01));
        MetricChange acc = change(r, "baseline", "accuracy");
        assertThat(acc.paired()).isTrue();
        assertThat(acc.n()).isEqualTo(3);
        assertThat(acc.difference()).isCloseTo(-0.05, within(1e-12));
        assertThat(acc.p()).isCloseTo(0.0033167587, within(1e-9));
        assertThat(acc.pHolm()).isCloseTo(2 * 0.0033167587, within(1e-9));
        assertThat(acc.ciLow()).isCloseTo(-0.05 - 0.0124211, within(1e-6));
        assertThat(acc.ciHigh()).isCloseTo(-0.05 + 0.0124211, within(1e-6));
        assertThat(acc.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(change(r, "baseline", "ece").verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void theSameDropWithinALargerToleranceIsUnchanged() {
        GateResult r = compare(Runs.suite("s").accuracy("baseline", 0.80, 0.82, 0.78),
                Runs.suite("s").accuracy("baseline", 0.75, 0.765, 0.735), Map.of("accuracy", 0.06));
        assertThat(change(r, "baseline", "accuracy").verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(r.exitCode()).isZero();
    }

    /** Differences −0.01, +0.02, −0.02: mean −0.0033, far inside the seed noise: not a regression, exit 0. */
    @Test
    void aDropInsideTheNoiseDoesNotFail() {
        GateResult r = compare(Runs.suite("s").accuracy("baseline", 0.80, 0.82, 0.78),
                Runs.suite("s").accuracy("baseline", 0.79, 0.84, 0.76), Map.of("accuracy", 0.01));
        MetricChange acc = change(r, "baseline", "accuracy");
        assertThat(acc.p()).isGreaterThan(0.5);
        assertThat(acc.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void aLowerIsBetterMetricRegressesWhenItRisesAndImprovesWhenItFalls() {
        Runs base = Runs.suite("s");
        Runs worse = Runs.suite("s");
        Runs better = Runs.suite("s");
        for (long seed = 1; seed <= 3; seed++) {
            double e = 0.05 + seed * 0.001;
            base.trial("baseline", seed, Status.PASSED, Map.of("accuracy", 0.8, "ece", e));
            worse.trial("baseline", seed, Status.PASSED, Map.of("accuracy", 0.8, "ece", e + 0.03 + seed * 0.001));
            better.trial("baseline", seed, Status.PASSED, Map.of("accuracy", 0.8, "ece", e - 0.03 - seed * 0.001));
        }
        GateResult up = compare(base, worse, Map.of("ece", 0.01));
        assertThat(change(up, "baseline", "ece").drop()).isCloseTo(0.032, within(1e-12));
        assertThat(change(up, "baseline", "ece").verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(up.exitCode()).isEqualTo(1);
        GateResult down = Gate.compare(RunSnapshot.read(dir.resolve("base")),
                RunSnapshot.read(better.write(dir.resolve("better"))), Map.of("ece", 0.01));
        assertThat(change(down, "baseline", "ece").verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(down.exitCode()).isZero();
    }

    /** Seed 3 failed in the new run: the pairs are seeds 1 and 2, and the newly failing trial fails the gate. */
    @Test
    void missingSeedsArePairedOverTheCommonOnesAndANewFailureFailsTheGate() {
        Runs head = Runs.suite("s").trial("baseline", 1, Status.PASSED, Map.of("accuracy", 0.80, "ece", 0.05))
                .trial("baseline", 2, Status.PASSED, Map.of("accuracy", 0.82, "ece", 0.05))
                .trial("baseline", 3, Status.DIVERGED, Map.of());
        GateResult r = compare(Runs.suite("s").accuracy("baseline", 0.80, 0.82, 0.78), head, Map.of());
        MetricChange acc = change(r, "baseline", "accuracy");
        assertThat(acc.paired()).isTrue();
        assertThat(acc.n()).isEqualTo(2);
        assertThat(acc.note()).contains("seeds 1,2", "base had 3, new 2");
        assertThat(acc.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(r.newFailures()).containsExactly(new GateResult.NewFailure("baseline", 3, "diverged"));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    /**
     * Seeds 1–3 against 4–6 share none: Welch. Both sds 0.02, n 3: se = √(2·0.0004/3) = 0.016330, t = −6.1237 on
     * 4 df (Welch–Satterthwaite with equal variances and sizes), p = 0.0036022 from the t(4) CDF in closed form.
     */
    @Test
    void disjointSeedsAreComparedUnpairedAndSaySo() {
        Runs head = Runs.suite("s");
        double[] acc = {0.70, 0.72, 0.68};
        for (int i = 0; i < 3; i++) {
            head.trial("baseline", 4 + i, Status.PASSED, Map.of("accuracy", acc[i], "ece", 0.05 + i * 0.01));
        }
        GateResult r = compare(Runs.suite("s").accuracy("baseline", 0.80, 0.82, 0.78), head, Map.of("accuracy", 0.01));
        MetricChange c = change(r, "baseline", "accuracy");
        assertThat(c.paired()).isFalse();
        assertThat(c.note()).contains("unpaired (Welch)");
        assertThat(c.p()).isCloseTo(0.0036022326, within(1e-8));
        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(GateFormat.text(r)).contains("unpaired (Welch)");
    }

    @Test
    void badInputNamesWhatIsWrong() {
        Runs a = Runs.suite("s").accuracy("baseline", 0.8, 0.8, 0.8);
        assertThatThrownBy(() -> compare(a, Runs.suite("other").accuracy("baseline", 0.8, 0.8), Map.of()))
                .isInstanceOf(BadInput.class).hasMessageContaining("different suites").hasMessageContaining("'other'");
        GateResult partial = compare(Runs.suite("s").accuracy("baseline", 0.8, 0.8).accuracy("se", 0.8, 0.8),
                Runs.suite("s").accuracy("baseline", 0.8, 0.8).accuracy("eca", 0.8, 0.8), Map.of());
        assertThat(partial.notCompared()).containsExactly("only in base: se", "only in new: eca");
        assertThat(GateFormat.text(partial)).contains("Not compared (only in base: se; only in new: eca)");
        assertThatThrownBy(() -> compare(a, Runs.suite("s").accuracy("se", 0.8, 0.8), Map.of()))
                .isInstanceOf(BadInput.class).hasMessageContaining("no variant in common");
        assertThatThrownBy(() -> compare(a, Runs.suite("s").accuracy("baseline", 0.8, 0.8), Map.of("acuracy", 0.01)))
                .isInstanceOf(BadInput.class).hasMessage("gate.acuracy: suite 's' has no metric 'acuracy' (metrics: accuracy, ece)");
    }

    /** Every table row has as many unescaped '|' as the header, even with a '|' in a variant name. */
    @Test
    void theMarkdownTableIsWellFormed() {
        GateResult r = compare(Runs.suite("s").accuracy("baseline", 0.80, 0.82, 0.78).accuracy("a|b", 0.7, 0.7, 0.7),
                Runs.suite("s").accuracy("baseline", 0.75, 0.765, 0.735).accuracy("a|b", 0.7, 0.7, 0.7),
                Map.of("accuracy", 0.01));
        String md = GateFormat.markdown(r);
        var table = md.lines().filter(l -> l.startsWith("|")).toList();
        assertThat(table).hasSize(2 + 4);
        long columns = pipes(table.get(0));
        assertThat(table).allSatisfy(l -> assertThat(pipes(l)).isEqualTo(columns));
        assertThat(table.get(1)).matches("\\|(-+:?\\|)+");
        assertThat(md).contains("a\\|b", "**regressed**", "❌ 1 regressed");
    }

    private static long pipes(String line) {
        return line.replace("\\|", "").chars().filter(c -> c == '|').count();
    }

    @Test
    void summaryJsonAloneComparesUnpairedAndFlagsAChangedClaim() throws Exception {
        Path base = dir.resolve("base.json");
        Path head = dir.resolve("new.json");
        java.nio.file.Files.writeString(base, summary(0.80, "reproduced"));
        java.nio.file.Files.writeString(head, summary(0.70, "contradicted"));
        GateResult r = Gate.compare(RunSnapshot.read(base), RunSnapshot.read(head), Map.of());
        MetricChange c = change(r, "se", "accuracy");
        assertThat(c.paired()).isFalse();
        assertThat(c.p()).isCloseTo(0.0036022326, within(1e-8));
        assertThat(r.claimChanges()).containsExactly(
                new GateResult.ClaimChange("se · attention.se · accuracy", "reproduced", "contradicted"));
        assertThat(r.newFailures()).containsExactly(new GateResult.NewFailure("se", 2, "timed out"));
        assertThat(GateFormat.json(r)).contains("\"verdict\" : \"regressed\"", "\"exitCode\" : 1");
    }

    static String summary(double mean, String verdict) {
        String failures = mean < 0.75 ? "[{\"variant\":\"se\",\"seed\":2,\"status\":\"timed out\"}]" : "[]";
        return """
                {"schema":"ablate-summary/1","suite":{"name":"q","seeds":[1,2,3],"metricDirections":{"accuracy":"higher"}},
                 "variants":[{"name":"se","metrics":{"accuracy":{"n":3,"mean":%s,"sd":0.02}}}],
                 "claims":[{"variant":"se","plugin":"attention.se","metric":"accuracy","verdict":"%s"}],
                 "failures":%s}""".formatted(mean, verdict, failures);
    }

    @Test
    void aConditionedMetricTakesItsBaseNamesTolerance() {
        assertThat(Gate.tolerance(Map.of("mAP", 0.02), "mAP@crowding=0.5")).isEqualTo(0.02);
        assertThat(Gate.tolerance(Map.of("mAP", 0.02, "mAP@crowding=0.5", 0.05), "mAP@crowding=0.5")).isEqualTo(0.05);
        assertThat(Gate.tolerance(Map.of("mAP", 0.02), "ece")).isZero();
    }

    @Test
    void anUnknownDirectionOrStatusInASummaryIsBadInput() throws Exception {
        Path f = dir.resolve("odd.json");
        java.nio.file.Files.writeString(f, summary(0.8, "reproduced").replace("\"higher\"", "\"sideways\""));
        assertThatThrownBy(() -> RunSnapshot.read(f)).isInstanceOf(BadInput.class)
                .hasMessage(f + ": metric 'accuracy' has direction 'sideways' (higher, lower or none)");
        java.nio.file.Files.writeString(f, summary(0.7, "reproduced").replace("timed out", "melted"));
        assertThatThrownBy(() -> RunSnapshot.read(f)).isInstanceOf(BadInput.class)
                .hasMessage(f + ": unknown trial status 'melted'");
    }

    @Test
    void aTruncatedOrNewerSummaryIsOneLine() throws Exception {
        Path cut = dir.resolve("cut.json");
        java.nio.file.Files.writeString(cut, "{\"schema\":\"ablate-summary/1\",\"suite\":{");
        assertThatThrownBy(() -> RunSnapshot.read(cut)).isInstanceOf(BadInput.class)
                .hasMessageStartingWith(cut + ": not valid JSON");
        Path newer = dir.resolve("newer.json");
        java.nio.file.Files.writeString(newer, "{\"schema\":\"ablate-summary/2\"}");
        assertThatThrownBy(() -> RunSnapshot.read(newer)).isInstanceOf(BadInput.class)
                .hasMessageContaining("written by a newer Ablate");
    }
}
