package ablate.reports.sections;

import ablate.reports.Analysis;
import ablate.reports.VariantAnalysis;
import ablate.results.TrialResult;
import org.apache.commons.text.StringEscapeUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The segmentation section of the report, drawn from the segmentation task's artifacts: a per-class table (IoU and
 * Dice, mean over each variant's passed seeds, from {@code perClass}) and example images side by side (input,
 * ground truth, then every variant's prediction as a coloured overlay, from {@code segmentationExamples} of one
 * seed that every shown variant has). Empty when no trial recorded them. Only numbers and plain base64 from the
 * trials reach the page; names are escaped.
 */
public final class SegmentationSection {
    public static final String PER_CLASS = "perClass";
    public static final String EXAMPLES = "segmentationExamples";
    static final int EXAMPLES_SHOWN = 4;
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    private SegmentationSection() {
    }

    /** The section's HTML, or "" when the results hold no segmentation artifacts. */
    public static String html(Analysis a) {
        List<VariantAnalysis> variants = a.variants().stream()
                .filter(v -> v.passed().stream().anyMatch(t -> SeedArtifacts.has(t, PER_CLASS))).toList();
        if (variants.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        b.append("<section id=\"segmentation\">\n<h2>Segmentation: per class and examples</h2>\n");
        perClassTable(b, variants);
        examples(b, variants);
        b.append("</section>\n");
        return b.toString();
    }

    private static void perClassTable(StringBuilder b, List<VariantAnalysis> variants) {
        List<String> classes = classNames(variants.get(0));
        b.append("<p class=\"lead\">IoU / Dice per class, in %, mean over each variant's passed seeds (one confusion ")
                .append("matrix over the test set per trial; — where a class is absent from both truth and prediction).</p>\n")
                .append("<table class=\"metrics\"><thead><tr><th>class</th>");
        for (VariantAnalysis v : variants) {
            b.append("<th>").append(esc(v.name())).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (int c = 0; c < classes.size(); c++) {
            b.append("<tr><td>").append(esc(classes.get(c))).append("</td>");
            for (VariantAnalysis v : variants) {
                b.append("<td class=\"num\">").append(pct(mean(v, "iou", c))).append(" / ")
                        .append(pct(mean(v, "dice", c))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static List<String> classNames(VariantAnalysis v) {
        for (TrialResult t : v.passed()) {
            if (t.artifacts() != null && t.artifacts().get("classNames") instanceof List<?> names) {
                return names.stream().map(String::valueOf).toList();
            }
        }
        return List.of();
    }

    /** Mean over the passed seeds of per-class value {@code key}[c]; NaN when no seed defines it. */
    static double mean(VariantAnalysis v, String key, int c) {
        double sum = 0;
        int n = 0;
        for (TrialResult t : v.passed()) {
            if (t.artifacts() != null && t.artifacts().get(PER_CLASS) instanceof Map<?, ?> m
                    && m.get(key) instanceof List<?> values && c < values.size()
                    && values.get(c) instanceof Number x && Double.isFinite(x.doubleValue())) {
                sum += x.doubleValue();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static void examples(StringBuilder b, List<VariantAnalysis> variants) {
        Optional<SeedArtifacts> found = SeedArtifacts.of(variants, EXAMPLES);
        if (found.isEmpty()) {
            return;
        }
        long seed = found.get().seed();
        List<List<Map<?, ?>>> columns = new ArrayList<>();
        for (Object artifact : found.get().columns()) {
            List<Map<?, ?>> list = new ArrayList<>();
            if (artifact instanceof List<?> l) {
                l.stream().filter(o -> o instanceof Map<?, ?>).limit(EXAMPLES_SHOWN).forEach(o -> list.add((Map<?, ?>) o));
            }
            columns.add(list);
        }
        b.append("<p class=\"lead\">Test images of seed ").append(seed).append(": the input, its ground truth and each ")
                .append("variant's prediction, classes as coloured overlays (background uncoloured).</p>\n")
                .append("<table class=\"seg-examples\"><thead><tr><th>input</th><th>ground truth</th>");
        for (VariantAnalysis v : variants) {
            b.append("<th>").append(esc(v.name())).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        int rows = columns.stream().mapToInt(List::size).max().orElse(0);
        for (int r = 0; r < rows; r++) {
            Map<?, ?> first = r < columns.get(0).size() ? columns.get(0).get(r) : Map.of();
            b.append("<tr><td>").append(img(first.get("input"), first.get("name"))).append("</td><td>")
                    .append(img(first.get("truth"), first.get("name"))).append("</td>");
            for (List<Map<?, ?>> column : columns) {
                Map<?, ?> e = r < column.size() ? column.get(r) : Map.of();
                b.append("<td>").append(img(e.get("prediction"), e.get("name"))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static String img(Object png, Object name) {
        if (!(png instanceof String s) || !BASE64.matcher(s).matches()) {
            return "";
        }
        return "<img class=\"seg-example\" width=\"128\" height=\"128\" style=\"image-rendering: pixelated\" alt=\""
                + esc(String.valueOf(name)) + "\" src=\"data:image/png;base64," + s + "\">";
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.1f", 100 * v);
    }

    private static String esc(String s) {
        return StringEscapeUtils.escapeHtml4(s);
    }
}
