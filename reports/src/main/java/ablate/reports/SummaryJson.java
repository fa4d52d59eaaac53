package ablate.reports;

import ablate.metrics.stats.Summary;
import ablate.metrics.stats.TestResult;
import ablate.results.Provenance;
import ablate.results.ResultsStore;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

/**
 * {@code summary.json}: the analysis for machines (CI gates, dashboards). Undefined numbers are JSON null.
 * Layout (schema {@value #SCHEMA}): suite, trials (counts), variants (per metric stats and the comparison
 * with the baseline, cost, Pareto membership), ranking, claims (with {@code verdicts} counts), failures,
 * provenance.
 */
public final class SummaryJson {
    public static final String SCHEMA = "ablate-summary/1";

    private SummaryJson() {
    }

    /** Writes {@code summary.json} into {@code outDir} atomically and returns its path. */
    public static Path write(Analysis analysis, Path outDir) {
        Path file = outDir.resolve(ReportWriter.SUMMARY);
        ResultsStore.writeAtomically(file, toJson(analysis));
        return file;
    }

    public static ObjectNode toJson(Analysis a) {
        ObjectNode root = ResultsStore.JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.set("suite", suite(a));
        ObjectNode counts = root.putObject("trials");
        counts.put("total", a.trials().size());
        for (Status s : Status.values()) {
            counts.put(camel(s), a.count(s));
        }
        ArrayNode variants = root.putArray("variants");
        var paramsFront = a.paretoFront(c -> c.totalParams());
        var latencyFront = a.paretoFront(Analysis::latency, Analysis::latencyNoise);
        for (VariantAnalysis v : a.variants()) {
            ObjectNode vn = variants.addObject();
            vn.put("name", v.name());
            vn.put("baseline", v.baseline());
            vn.set("slots", ResultsStore.JSON.valueToTree(v.definition().slots()));
            vn.put("passed", v.passed().size());
            vn.put("notPassed", v.failedCount());
            ObjectNode metrics = vn.putObject("metrics");
            v.metrics().forEach((name, st) -> metrics.set(name, metric(a, name, st)));
            vn.set("cost", v.cost() == null ? null : cost(v.cost()));
            ObjectNode pareto = vn.putObject("paretoFront");
            pareto.put("params", paramsFront.contains(v.name()));
            pareto.put("latency", latencyFront.contains(v.name()));
        }
        ArrayNode ranking = root.putArray("ranking");
        for (RankEntry r : a.ranking()) {
            ObjectNode rn = ranking.addObject();
            rn.put("rank", r.rank());
            rn.put("variant", r.variant());
            rn.put("metric", a.primaryMetric());
            summary(rn, r.summary());
            rn.set("ciOverlapsWith", ResultsStore.JSON.valueToTree(r.overlapsWith()));
            rn.set("notSignificantlyDifferentFrom", ResultsStore.JSON.valueToTree(r.indistinctFrom()));
        }
        ObjectNode verdicts = root.putObject("verdicts");
        for (ClaimVerdict.Verdict v : ClaimVerdict.Verdict.values()) {
            verdicts.put(v.label(), a.claims().stream().filter(c -> c.verdict() == v).count());
        }
        ArrayNode claims = root.putArray("claims");
        for (ClaimVerdict c : a.claims()) {
            ObjectNode cn = claims.addObject();
            cn.put("variant", c.variant());
            cn.put("plugin", c.claim().pluginId());
            cn.put("metric", c.claim().metric());
            cn.put("direction", c.claim().direction());
            cn.put("text", c.claim().text());
            cn.put("verdict", c.verdict().label());
            cn.put("reason", c.reason());
            cn.set("comparison", c.comparison() == null ? null : comparison(c.comparison()));
        }
        ArrayNode failures = root.putArray("failures");
        for (TrialResult t : a.failures()) {
            ObjectNode f = failures.addObject();
            f.put("id", t.id());
            f.put("variant", t.variant());
            f.put("seed", t.seed());
            f.put("status", t.status().label());
            f.put("error", t.error());
        }
        ArrayNode provenance = root.putArray("provenance");
        for (Provenance p : a.provenance()) {
            provenance.add(ResultsStore.JSON.<JsonNode>valueToTree(p));
        }
        return root;
    }

    private static ObjectNode suite(Analysis a) {
        SuiteInfo s = a.suite();
        ObjectNode n = ResultsStore.JSON.createObjectNode();
        n.put("name", s.name());
        n.put("file", s.file());
        n.put("task", s.task());
        n.put("primaryMetric", s.primaryMetric());
        n.put("primaryLowerIsBetter", a.lowerIsBetter(s.primaryMetric()));
        n.put("description", s.description() == null ? "" : s.description());
        ObjectNode directions = n.putObject("metricDirections");
        a.metrics().forEach(m -> directions.put(m, a.direction(m).name().toLowerCase()));
        n.set("undeclaredMetrics", ResultsStore.JSON.valueToTree(a.undeclaredMetrics()));
        n.put("baseline", s.baseline());
        n.set("seeds", ResultsStore.JSON.valueToTree(s.seeds()));
        n.set("dataset", ResultsStore.JSON.valueToTree(s.dataset()));
        n.set("budget", ResultsStore.JSON.valueToTree(s.budget()));
        return n;
    }

    private static ObjectNode metric(Analysis a, String name, MetricStats st) {
        ObjectNode n = ResultsStore.JSON.createObjectNode();
        n.put("direction", a.direction(name).name().toLowerCase());
        summary(n, st.summary());
        ObjectNode c = st.vsBaseline() == null ? null : comparison(st.vsBaseline());
        if (c != null) {
            // "significant" is only the test; "outcome" says which way it went by the metric's direction
            String tone = a.tone(name, st.vsBaseline());
            c.put("outcome", st.vsBaseline().significant() ? (tone.equals("neutral") ? "different" : tone) : "n.s.");
        }
        n.set("vsBaseline", c);
        return n;
    }

    private static ObjectNode comparison(Comparison c) {
        ObjectNode n = ResultsStore.JSON.createObjectNode();
        n.put("pairs", c.pairs());
        put(n, "meanDifference", c.difference().mean());
        put(n, "ciLow", c.difference().ciLow());
        put(n, "ciHigh", c.difference().ciHigh());
        n.set("pairedT", test(c.pairedT(), c.pHolm()));
        n.set("wilcoxon", test(c.wilcoxon(), c.pHolmWilcoxon()));
        n.put("significant", c.significant());
        n.put("mark", c.mark());
        return n;
    }

    private static ObjectNode test(TestResult t, double pHolm) {
        ObjectNode n = ResultsStore.JSON.createObjectNode();
        put(n, "statistic", t.statistic());
        put(n, "p", t.pValue());
        put(n, "pHolm", pHolm);
        return n;
    }

    private static ObjectNode cost(CostSummary c) {
        ObjectNode n = ResultsStore.JSON.createObjectNode();
        n.put("trainableParams", c.trainableParams());
        n.put("totalParams", c.totalParams());
        n.put("macsPerSample", c.macsPerSample());
        put(n, "trainSecondsMean", c.trainSeconds().mean());
        put(n, "latencyMedianMsMean", c.latencyMedianMs().mean());
        put(n, "latencyP95MsMean", c.latencyP95Ms().mean());
        if (c.peakMemoryBytes() >= 0) {
            n.put("peakMemoryBytes", c.peakMemoryBytes());
        } else {
            n.putNull("peakMemoryBytes");
        }
        return n;
    }

    private static void summary(ObjectNode n, Summary s) {
        n.put("n", s.n());
        put(n, "mean", s.mean());
        put(n, "sd", s.sd());
        put(n, "ciLow", s.ciLow());
        put(n, "ciHigh", s.ciHigh());
    }

    private static void put(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }

    private static String camel(Status s) {
        String[] parts = s.name().toLowerCase().split("_");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return b.toString();
    }
}
