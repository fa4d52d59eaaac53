package ablate.reports.compare;

import ablate.metrics.stats.Holm;
import ablate.metrics.stats.PairedTests;
import ablate.metrics.stats.Summary;
import ablate.results.Direction;
import ablate.results.Status;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code ablate compare}'s statistics. For every variant and metric both runs hold: the difference new − base
 * paired over the seeds both passed (seeds are the unit of replication, and the same seed gives the same data
 * order and initialisation, so pairing removes most of the seed-to-seed noise), Welch's unpaired t where fewer than
 * two seeds are common (or only {@code summary.json} is given, which keeps no seeds). The p-values are corrected
 * with Holm over every change compared, because a gate over many metrics would otherwise fail on noise.
 *
 * <p>Verdicts, with {@code tol} the metric's accepted drop (0 unless given): <b>regressed</b> when the change is
 * Holm-significant in the worse direction and its mean drop exceeds {@code tol}; <b>improved</b> likewise the other
 * way; <b>unchanged</b> when the 95% CI of the change lies within ±{@code tol}, or the change is significant but
 * within it; <b>inconclusive</b> otherwise. Only a regression, or a trial that passed in the base and fails now,
 * fails the gate: "inconclusive" is what 3 seeds often honestly say and must not block a merge.
 */
public final class Gate {
    public static final double ALPHA = 0.05;

    private Gate() {
    }

    /** The comparison; throws {@link BadInput} for runs of different suites, no common variant or unknown metric. */
    public static GateResult compare(RunSnapshot base, RunSnapshot head, Map<String, Double> maxDrop) {
        if (!Objects.equals(base.suite(), head.suite())) {
            throw new BadInput("cannot compare runs of different suites: " + base.source() + " holds '" + base.suite()
                    + "', " + head.source() + " holds '" + head.suite() + "'");
        }
        List<String> variants = head.variants().stream().filter(base.variants()::contains).toList();
        if (variants.isEmpty()) {
            throw new BadInput("no variant in common between " + base.source() + " " + base.variants() + " and "
                    + head.source() + " " + head.variants());
        }
        for (String m : maxDrop.keySet()) {
            if (!known(head, m) && !known(base, m)) {
                throw new BadInput("gate." + m + ": suite '" + head.suite() + "' has no metric '" + m + "' (metrics: "
                        + String.join(", ", head.metricNames()) + ")");
            }
        }
        List<MetricChange> raw = new ArrayList<>();
        for (String v : variants) {
            Map<String, MetricSample> b = base.metrics().getOrDefault(v, Map.of());
            Map<String, MetricSample> h = head.metrics().getOrDefault(v, Map.of());
            for (String m : h.keySet()) {
                if (b.containsKey(m)) {
                    raw.add(change(v, m, head.direction(m), b.get(m), h.get(m), tolerance(maxDrop, m)));
                }
            }
        }
        double[] adjusted = Holm.adjust(raw.stream().mapToDouble(MetricChange::p).toArray());
        List<MetricChange> changes = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            MetricChange c = raw.get(i);
            changes.add(new MetricChange(c.variant(), c.metric(), c.direction(), c.base(), c.head(), c.paired(), c.n(),
                    c.note(), c.difference(), c.ciLow(), c.ciHigh(), c.p(), adjusted[i], c.tolerance(),
                    verdict(c, adjusted[i])));
        }
        return new GateResult(head.suite(), base.source().toString(), head.source().toString(), changes,
                newFailures(base, head, variants), claimChanges(base, head), notCompared(base, head, variants));
    }

    /** A metric with an {@code @…} suffix (the same figure under a condition) takes its base name's tolerance. */
    static double tolerance(Map<String, Double> maxDrop, String metric) {
        Double t = maxDrop.get(metric);
        int at = metric.indexOf('@');
        if (t == null && at > 0) {
            t = maxDrop.get(metric.substring(0, at));
        }
        return t == null ? 0.0 : t;
    }

    private static boolean known(RunSnapshot run, String metric) {
        return run.metricNames().stream().anyMatch(m -> m.equals(metric) || m.startsWith(metric + "@"));
    }

    static Verdict verdict(MetricChange c, double pHolm) {
        if (Double.isNaN(pHolm)) {
            return Verdict.INCONCLUSIVE;
        }
        boolean significant = pHolm < ALPHA;
        if (c.direction() == Direction.NONE) {
            return significant ? Verdict.CHANGED : within(c) ? Verdict.UNCHANGED : Verdict.INCONCLUSIVE;
        }
        double drop = c.drop();
        if (significant && drop > c.tolerance()) {
            return Verdict.REGRESSED;
        }
        if (significant && -drop > c.tolerance()) {
            return Verdict.IMPROVED;
        }
        return significant || within(c) ? Verdict.UNCHANGED : Verdict.INCONCLUSIVE;
    }

    /** The whole CI of the change within ± the tolerance: any change beyond it is ruled out at 95%. */
    private static boolean within(MetricChange c) {
        return c.ciLow() >= -c.tolerance() && c.ciHigh() <= c.tolerance();
    }

    static MetricChange change(String variant, String metric, Direction dir, MetricSample b, MetricSample h, double tol) {
        TreeSet<Long> common = new TreeSet<>(b.bySeed().keySet());
        common.retainAll(h.bySeed().keySet());
        if (common.size() >= 2) {
            double[] x = common.stream().mapToDouble(s -> h.bySeed().get(s)).toArray();
            double[] y = common.stream().mapToDouble(s -> b.bySeed().get(s)).toArray();
            Summary d = Summary.of(diff(x, y));
            double p;
            if (d.sd() > 0) {
                p = PairedTests.pairedT(x, y).pValue();
            } else {
                // every seed moved by exactly the same amount: no noise to weigh the shift against
                p = d.mean() == 0 ? 1.0 : 0.0;
            }
            boolean all = common.size() == b.bySeed().size() && common.size() == h.bySeed().size();
            String note = "paired over seeds " + join(common) + (all ? "" : " (the seeds both passed; base had "
                    + b.bySeed().size() + ", new " + h.bySeed().size() + ")");
            double lo = d.sd() > 0 ? d.ciLow() : d.mean();
            double hi = d.sd() > 0 ? d.ciHigh() : d.mean();
            return new MetricChange(variant, metric, dir, b, h, true, common.size(), note, d.mean(), lo, hi, p,
                    Double.NaN, tol, null);
        }
        String why = b.hasSeeds() && h.hasSeeds() ? "unpaired (Welch): fewer than 2 seeds in common"
                : "unpaired (Welch): a summary.json keeps no per-seed values";
        return welch(variant, metric, dir, b, h, tol, why);
    }

    private static MetricChange welch(String variant, String metric, Direction dir, MetricSample b, MetricSample h,
                                      double tol, String note) {
        double diff = h.mean() - b.mean();
        int n = Math.min(b.n(), h.n());
        if (b.n() < 2 || h.n() < 2 || Double.isNaN(b.sd()) || Double.isNaN(h.sd())) {
            return new MetricChange(variant, metric, dir, b, h, false, n, note + "; too few seeds to test", diff,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, tol, null);
        }
        double vb = b.sd() * b.sd() / b.n();
        double vh = h.sd() * h.sd() / h.n();
        double se = Math.sqrt(vb + vh);
        if (se == 0) {
            double p = diff == 0 ? 1.0 : 0.0;
            return new MetricChange(variant, metric, dir, b, h, false, n, note, diff, diff, diff, p, Double.NaN, tol, null);
        }
        // Welch–Satterthwaite degrees of freedom
        double df = (vb + vh) * (vb + vh) / (vb * vb / (b.n() - 1) + vh * vh / (h.n() - 1));
        TDistribution t = new TDistribution(null, df);
        double p = 2 * t.cumulativeProbability(-Math.abs(diff / se));
        double half = t.inverseCumulativeProbability(0.975) * se;
        return new MetricChange(variant, metric, dir, b, h, false, n, note, diff, diff - half, diff + half, p,
                Double.NaN, tol, null);
    }

    private static List<GateResult.NewFailure> newFailures(RunSnapshot base, RunSnapshot head, List<String> variants) {
        List<GateResult.NewFailure> out = new ArrayList<>();
        for (String v : variants) {
            Map<Long, Status> before = base.trials().getOrDefault(v, Map.of());
            new TreeSet<>(head.trials().getOrDefault(v, Map.of()).keySet()).forEach(seed -> {
                Status now = head.trials().get(v).get(seed);
                if (before.get(seed) == Status.PASSED && now != Status.PASSED) {
                    out.add(new GateResult.NewFailure(v, seed, now.label()));
                }
            });
        }
        return out;
    }

    /** What one run holds and the other does not: said, so a variant that vanished is not silently "passed". */
    private static List<String> notCompared(RunSnapshot base, RunSnapshot head, List<String> common) {
        List<String> out = new ArrayList<>();
        base.variants().stream().filter(v -> !common.contains(v)).forEach(v -> out.add("only in base: " + v));
        head.variants().stream().filter(v -> !common.contains(v)).forEach(v -> out.add("only in new: " + v));
        for (String v : common) {
            var b = base.metrics().getOrDefault(v, Map.of());
            var h = head.metrics().getOrDefault(v, Map.of());
            b.keySet().stream().filter(m -> !h.containsKey(m)).forEach(m -> out.add("only in base: " + v + " · " + m));
            h.keySet().stream().filter(m -> !b.containsKey(m)).forEach(m -> out.add("only in new: " + v + " · " + m));
        }
        return out;
    }

    private static List<GateResult.ClaimChange> claimChanges(RunSnapshot base, RunSnapshot head) {
        List<GateResult.ClaimChange> out = new ArrayList<>();
        head.claims().forEach((claim, now) -> {
            String before = base.claims().get(claim);
            if (before != null && !before.equals(now)) {
                out.add(new GateResult.ClaimChange(claim, before, now));
            }
        });
        return out;
    }

    private static double[] diff(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static String join(TreeSet<Long> seeds) {
        return String.join(",", seeds.stream().map(String::valueOf).toList());
    }
}
