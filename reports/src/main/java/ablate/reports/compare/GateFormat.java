package ablate.reports.compare;

import ablate.results.ResultsStore;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@link GateResult} as a terminal table, GitHub-flavoured Markdown (job summary, PR comment) or JSON. */
public final class GateFormat {
    private static final String[] HEAD = {"variant", "metric", "base", "new", "Δ [95% CI]", "p (Holm)", "tol", "verdict"};

    private GateFormat() {
    }

    public static String text(GateResult r) {
        List<String[]> rows = rows(r, false);
        int[] w = new int[HEAD.length];
        for (String[] row : rows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder("Suite '" + r.suite() + "': " + r.base() + " → " + r.head() + "\n");
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                b.append(i == 0 ? "" : "  ").append(String.format("%-" + w[i] + "s", row[i]));
            }
            b.append('\n');
        }
        notes(r, b, "");
        return b.append(verdictLine(r)).append('\n').toString();
    }

    public static String markdown(GateResult r) {
        StringBuilder b = new StringBuilder("### Ablate compare: suite `" + code(r.suite()) + "`\n\n");
        b.append(r.exitCode() == 0 ? "✅ " : "❌ ").append(verdictLine(r)).append("\n\n");
        List<String[]> rows = rows(r, true);
        for (int i = 0; i < rows.size(); i++) {
            b.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                b.append("|---|---|---:|---:|---:|---:|---:|---|\n");
            }
        }
        b.append('\n');
        notes(r, b, "- ");
        b.append("\nΔ is new − base; paired t over the seeds both runs passed (Welch where they share fewer than two), ")
                .append("Holm-corrected over the ").append(r.changes().size()).append(" comparisons. Base: `")
                .append(code(r.base())).append("`, new: `").append(code(r.head())).append("`.\n");
        return b.toString();
    }

    public static String json(GateResult r) {
        ObjectNode root = ResultsStore.JSON.createObjectNode();
        root.put("suite", r.suite());
        root.put("base", r.base());
        root.put("new", r.head());
        root.put("exitCode", r.exitCode());
        ObjectNode counts = root.putObject("verdicts");
        for (Verdict v : Verdict.values()) {
            counts.put(v.label(), r.count(v));
        }
        ArrayNode changes = root.putArray("changes");
        for (MetricChange c : r.changes()) {
            ObjectNode n = changes.addObject();
            n.put("variant", c.variant());
            n.put("metric", c.metric());
            n.put("direction", c.direction().name().toLowerCase());
            put(n, "baseMean", c.base().mean());
            put(n, "newMean", c.head().mean());
            n.put("paired", c.paired());
            n.put("n", c.n());
            n.put("method", c.note());
            put(n, "difference", c.difference());
            put(n, "ciLow", c.ciLow());
            put(n, "ciHigh", c.ciHigh());
            put(n, "p", c.p());
            put(n, "pHolm", c.pHolm());
            n.put("tolerance", c.tolerance());
            n.put("verdict", c.verdict().label());
        }
        root.set("newFailures", ResultsStore.JSON.valueToTree(r.newFailures()));
        root.set("claimChanges", ResultsStore.JSON.valueToTree(r.claimChanges()));
        root.set("notCompared", ResultsStore.JSON.valueToTree(r.notCompared()));
        try {
            return ResultsStore.JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String verdictLine(GateResult r) {
        return String.format(Locale.ROOT, "%d regressed, %d improved, %d unchanged, %d inconclusive%s; %d trial(s) newly failing%s",
                r.count(Verdict.REGRESSED), r.count(Verdict.IMPROVED), r.count(Verdict.UNCHANGED),
                r.count(Verdict.INCONCLUSIVE), r.count(Verdict.CHANGED) > 0 ? ", " + r.count(Verdict.CHANGED) + " changed" : "",
                r.newFailures().size(), r.exitCode() == 0 ? " — gate passed" : " — gate FAILED");
    }

    private static void notes(GateResult r, StringBuilder b, String bullet) {
        for (GateResult.NewFailure f : r.newFailures()) {
            b.append(bullet).append("Trial ").append(f.variant()).append(" seed ").append(f.seed())
                    .append(" passed in the base and is now ").append(f.status()).append('\n');
        }
        for (GateResult.ClaimChange c : r.claimChanges()) {
            b.append(bullet).append("Claim ").append(c.claim()).append(": ").append(c.before()).append(" → ")
                    .append(c.now()).append('\n');
        }
        if (!r.notCompared().isEmpty()) {
            b.append(bullet).append("Not compared (").append(String.join("; ", r.notCompared())).append(")\n");
        }
        r.changes().stream().filter(c -> !c.paired()).findFirst().ifPresent(c ->
                b.append(bullet).append("Some changes are unpaired: ").append(c.note()).append('\n'));
    }

    private static List<String[]> rows(GateResult r, boolean md) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEAD);
        for (MetricChange c : r.changes()) {
            String verdict = c.verdict().label();
            rows.add(new String[]{cell(c.variant(), md), cell(c.metric(), md) + arrow(c), num(c.base().mean()),
                    num(c.head().mean()), String.format(Locale.ROOT, "%s [%s, %s]", signed(c.difference()),
                    signed(c.ciLow()), signed(c.ciHigh())) + (c.paired() ? "" : " †"), p(c.pHolm()),
                    num(c.tolerance()), md && c.verdict() == Verdict.REGRESSED ? "**" + verdict + "**" : verdict});
        }
        return rows;
    }

    private static String arrow(MetricChange c) {
        return switch (c.direction()) {
            case HIGHER -> " ↑";
            case LOWER -> " ↓";
            case NONE -> "";
        };
    }

    /** Markdown table cells: a '|' would end the cell and a newline the row, and '<' could open HTML. */
    private static String cell(String s, boolean md) {
        return md ? s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ") : s;
    }

    private static String code(String s) {
        return s.replace("`", "'").replace("\n", " ");
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "–";
    }

    private static String signed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.4f", v) : "–";
    }

    private static String p(double v) {
        return !Double.isFinite(v) ? "–" : v < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static void put(ObjectNode n, String k, double v) {
        if (Double.isFinite(v)) {
            n.put(k, v);
        } else {
            n.putNull(k);
        }
    }
}
