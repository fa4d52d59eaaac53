package ablate.reports.sections;

import ablate.reports.Analysis;
import ablate.reports.VariantAnalysis;
import ablate.results.TrialResult;
import org.apache.commons.text.StringEscapeUtils;

import java.util.List;
import java.util.Locale;

/**
 * Per-class recall of a classification suite: one row per class with its training images, one column per variant
 * with the recall mean over its passed seeds. On a long-tailed training set it shows where a loss moves accuracy:
 * which tail classes gain and what the head pays. Drawn from the task's {@code perClassRecall} and
 * {@code trainClassCounts} artifacts; empty when no trial recorded them.
 */
public final class PerClassRecallSection {
    public static final String RECALL = "perClassRecall";
    public static final String COUNTS = "trainClassCounts";

    private PerClassRecallSection() {
    }

    /** The section's HTML, or "" when no trial recorded per-class recall. */
    public static String html(Analysis a) {
        List<VariantAnalysis> variants = a.variants().stream()
                .filter(v -> v.passed().stream().anyMatch(t -> list(t, RECALL) != null)).toList();
        if (variants.isEmpty()) {
            return "";
        }
        TrialResult first = variants.get(0).passed().stream().filter(t -> list(t, RECALL) != null).findFirst().orElseThrow();
        List<?> names = list(first, "classNames");
        List<?> counts = list(first, COUNTS);
        int classes = list(first, RECALL).size();
        StringBuilder b = new StringBuilder();
        b.append("<section id=\"per-class\">\n<h2>Per-class recall</h2>\n")
                .append("<p class=\"lead\">Recall of each class on the test set, in %, mean over each variant's passed ")
                .append("seeds. With a long-tailed training set, the head, medium and tail accuracies are the mean recall ")
                .append("of the most, middle and least frequent third of the classes by training images.</p>\n")
                .append("<table class=\"metrics\"><thead><tr><th>class</th><th>training images</th>");
        for (VariantAnalysis v : variants) {
            b.append("<th>").append(esc(v.name())).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (int c = 0; c < classes; c++) {
            b.append("<tr><td>").append(esc(names != null && c < names.size() ? String.valueOf(names.get(c)) : "class " + c))
                    .append("</td><td class=\"num\">").append(counts != null && c < counts.size() ? num(counts.get(c)) : "—")
                    .append("</td>");
            for (VariantAnalysis v : variants) {
                b.append("<td class=\"num\">").append(pct(mean(v, c))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n</section>\n");
        return b.toString();
    }

    private static List<?> list(TrialResult t, String artifact) {
        return t.artifacts() != null && t.artifacts().get(artifact) instanceof List<?> l ? l : null;
    }

    /** Mean over the passed seeds of recall[c]; NaN when no seed defines it (a class without test images). */
    static double mean(VariantAnalysis v, int c) {
        double sum = 0;
        int n = 0;
        for (TrialResult t : v.passed()) {
            List<?> r = list(t, RECALL);
            if (r != null && c < r.size() && r.get(c) instanceof Number x
                    && Double.isFinite(x.doubleValue())) {
                sum += x.doubleValue();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static String num(Object o) {
        return o instanceof Number n ? String.format(Locale.ROOT, "%,d", n.longValue()) : "—";
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.1f", 100 * v);
    }

    private static String esc(String s) {
        return StringEscapeUtils.escapeHtml4(s);
    }
}
