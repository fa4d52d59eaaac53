package ablate.reports;

import ablate.results.Status;
import ablate.results.SuiteInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verdicts on the plugins' claims: reproduced or contradicted when the Holm-adjusted paired t-test against the
 * baseline is significant with the claimed or the opposite sign, else inconclusive with the reason.
 */
final class ClaimJudge {
    private ClaimJudge() {
    }

    static List<ClaimVerdict> judge(Analysis a) {
        List<ClaimVerdict> out = new ArrayList<>();
        for (VariantAnalysis v : a.variants()) {
            for (SuiteInfo.ClaimInfo claim : v.definition().claims()) {
                out.add(judge(a, v, claim));
            }
        }
        return List.copyOf(out);
    }

    private static ClaimVerdict judge(Analysis a, VariantAnalysis v, SuiteInfo.ClaimInfo claim) {
        String metric = claim.metric();
        int sign = "LOWER".equalsIgnoreCase(claim.direction()) ? -1 : "HIGHER".equalsIgnoreCase(claim.direction()) ? 1 : 0;
        if (sign == 0) {
            return inconclusive(v, claim, "direction '" + claim.direction() + "' is neither HIGHER nor LOWER", null);
        }
        if (v.baseline()) {
            return inconclusive(v, claim, "the claim's plugin is part of the baseline, so there is nothing to compare", null);
        }
        if (v.passed().isEmpty()) {
            return inconclusive(v, claim, v.notPassedReason() + ", so there is nothing to compare", null);
        }
        Optional<VariantAnalysis> base = a.baseline();
        if (base.isPresent() && base.get().passed().isEmpty()) {
            return inconclusive(v, claim, "the baseline: " + base.get().notPassedReason()
                    + ", so there is nothing to compare with", null);
        }
        boolean measured = a.trials().stream().filter(t -> t.status() == Status.PASSED).anyMatch(t -> Analysis.value(t, metric).isPresent());
        if (!measured) {
            return inconclusive(v, claim, "metric '" + metric + "' was not measured by this task", null);
        }
        MetricStats stats = v.metric(metric);
        Comparison c = stats == null ? null : stats.vsBaseline();
        if (c == null || c.pairs() == 0) {
            return inconclusive(v, claim, "no seed on which both this variant and the baseline passed", null);
        }
        if (c.pairs() < 2) {
            return inconclusive(v, claim, "n=1 paired seed; a paired test needs at least 2", c);
        }
        double mean = c.difference().mean();
        if (Double.isNaN(c.pHolm())) {
            return inconclusive(v, claim, "n=" + c.pairs() + ", the difference is " + Format.signed(mean)
                    + " on every seed; the paired t-test is undefined with zero variance", c);
        }
        String evidence = "Δ=" + Format.signed(mean) + ", n=" + c.pairs() + ", " + Format.pEquals(c.pHolm())
                + " (paired t, Holm)";
        if (c.significant() && Math.signum(mean) == sign) {
            return new ClaimVerdict(v.name(), claim, ClaimVerdict.Verdict.REPRODUCED, evidence, c);
        }
        if (c.significant() && Math.signum(mean) == -sign) {
            return new ClaimVerdict(v.name(), claim, ClaimVerdict.Verdict.CONTRADICTED, evidence, c);
        }
        return inconclusive(v, claim, evidence + ": not significant at " + Comparison.ALPHA, c);
    }

    private static ClaimVerdict inconclusive(VariantAnalysis v, SuiteInfo.ClaimInfo claim, String reason, Comparison c) {
        return new ClaimVerdict(v.name(), claim, ClaimVerdict.Verdict.INCONCLUSIVE, reason, c);
    }
}
