package ablate.reports.sections;

import ablate.reports.Analysis;
import ablate.reports.VariantAnalysis;
import ablate.results.TrialResult;
import org.apache.commons.text.StringEscapeUtils;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The super-resolution section, from the task's artifacts: PSNR-Y / SSIM-Y per test image for each variant (mean
 * over its passed seeds, from {@code srPerImage}); the same zoomed region of each image as HR, bicubic and every
 * variant's output side by side (from {@code srCrops} of one seed every shown variant has), so the difference is
 * seen; and quality against inference time per megapixel with the Pareto front (no variant both faster and
 * better). Empty when no trial recorded them. Only numbers and plain base64 reach the page; names are escaped.
 */
public final class SuperResolutionSection {
    public static final String PER_IMAGE = "srPerImage";
    public static final String CROPS = "srCrops";
    static final int ZOOM = 3;
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    private SuperResolutionSection() {
    }

    public static String html(Analysis a) {
        List<VariantAnalysis> variants = a.variants().stream()
                .filter(v -> v.passed().stream().anyMatch(t -> SeedArtifacts.has(t, PER_IMAGE))).toList();
        if (variants.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<section id=\"super-resolution\">\n<h2>Super-resolution: per image, "
                + "crops, quality vs time</h2>\n");
        perImage(b, variants);
        crops(b, variants);
        pareto(b, variants);
        return b.append("</section>\n").toString();
    }

    private static void perImage(StringBuilder b, List<VariantAnalysis> variants) {
        Set<String> images = new LinkedHashSet<>();
        for (VariantAnalysis v : variants) {
            for (TrialResult t : v.passed()) {
                rows(t).forEach(r -> images.add(String.valueOf(r.get("name"))));
            }
        }
        b.append("<p class=\"lead\">PSNR-Y (dB) / SSIM-Y per test image, mean over each variant's passed seeds ")
                .append("(luma, border of <i>scale</i> pixels cropped, output rounded to 8 bits).</p>\n")
                .append("<table class=\"metrics\"><thead><tr><th>image</th>");
        variants.forEach(v -> b.append("<th>").append(esc(v.name())).append("</th>"));
        b.append("</tr></thead><tbody>\n");
        List<String> names = new ArrayList<>(images);
        names.add(null);
        for (String image : names) {
            b.append("<tr><td>").append(image == null ? "<b>mean</b>" : esc(image)).append("</td>");
            for (VariantAnalysis v : variants) {
                b.append("<td class=\"num\">").append(fmt(mean(v, image, "psnrY"), "%.2f")).append(" / ")
                        .append(fmt(mean(v, image, "ssimY"), "%.4f")).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(TrialResult t) {
        Object o = t.artifacts() == null ? null : t.artifacts().get(PER_IMAGE);
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /** Mean over passed seeds of an image's value, or (image null) of the trial's mean metric; NaN if none. */
    static double mean(VariantAnalysis v, String image, String key) {
        double sum = 0;
        int n = 0;
        for (TrialResult t : v.passed()) {
            if (image == null) {
                Double x = t.metrics() == null ? null : t.metrics().get(key);
                if (x != null && Double.isFinite(x)) {
                    sum += x;
                    n++;
                }
                continue;
            }
            for (Map<String, Object> r : rows(t)) {
                if (image.equals(String.valueOf(r.get("name"))) && r.get(key) instanceof Number x) {
                    sum += x.doubleValue();
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static void crops(StringBuilder b, List<VariantAnalysis> variants) {
        Optional<SeedArtifacts> found = SeedArtifacts.of(variants, CROPS);
        if (found.isEmpty()) {
            return;
        }
        long seed = found.get().seed();
        List<List<?>> columns = new ArrayList<>();
        found.get().columns().forEach(a -> columns.add(a instanceof List<?> l ? l : List.of()));
        b.append("<p class=\"lead\">The same region of each test image (the HR window with the most detail), seed ")
                .append(seed).append(", luma, enlarged ").append(ZOOM).append("× with no smoothing.</p>\n")
                .append("<table class=\"seg-examples\"><thead><tr><th>HR</th><th>bicubic</th>");
        variants.forEach(v -> b.append("<th>").append(esc(v.name())).append("</th>"));
        b.append("</tr></thead><tbody>\n");
        int rows = columns.stream().mapToInt(List::size).max().orElse(0);
        for (int r = 0; r < rows; r++) {
            Map<?, ?> first = r < columns.get(0).size() && columns.get(0).get(r) instanceof Map<?, ?> m ? m : Map.of();
            b.append("<tr><td>").append(img(first.get("hr"), first)).append("</td><td>").append(img(first.get("bicubic"), first))
                    .append("</td>");
            for (List<?> column : columns) {
                Map<?, ?> e = r < column.size() && column.get(r) instanceof Map<?, ?> m ? m : Map.of();
                b.append("<td>").append(img(e.get("output"), e)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static String img(Object png, Map<?, ?> crop) {
        if (!(png instanceof String s) || !BASE64.matcher(s).matches() || !(crop.get("size") instanceof Number n)) {
            return "";
        }
        int side = n.intValue() * ZOOM;
        return "<img width=\"" + side + "\" height=\"" + side + "\" style=\"image-rendering: pixelated\" alt=\""
                + esc(crop.get("name") + " at " + crop.get("x") + "," + crop.get("y")) + "\" src=\"data:image/png;base64," + s + "\">";
    }

    /** PSNR-Y against time per megapixel, fastest first; a variant is on the front when no faster one is better. */
    private static void pareto(StringBuilder b, List<VariantAnalysis> variants) {
        List<VariantAnalysis> byTime = new ArrayList<>(variants);
        byTime.sort((x, y) -> Double.compare(mean(x, null, "msPerMegapixel"), mean(y, null, "msPerMegapixel")));
        b.append("<p class=\"lead\">Quality against inference time per output megapixel (restoring the test images ")
                .append("whole, one at a time; median of the timed passes, mean over seeds). On the Pareto front: no ")
                .append("faster variant has a higher mean PSNR-Y.</p>\n<table class=\"metrics\"><thead><tr><th>variant</th>")
                .append("<th>ms / megapixel</th><th>PSNR-Y (dB)</th><th>SSIM-Y</th><th>Pareto front</th></tr></thead><tbody>\n");
        double best = Double.NEGATIVE_INFINITY;
        for (VariantAnalysis v : byTime) {
            double psnr = mean(v, null, "psnrY");
            boolean front = psnr > best;
            best = Math.max(best, psnr);
            b.append("<tr><td>").append(esc(v.name())).append("</td><td class=\"num\">")
                    .append(fmt(mean(v, null, "msPerMegapixel"), "%.1f")).append("</td><td class=\"num\">")
                    .append(fmt(psnr, "%.2f")).append("</td><td class=\"num\">").append(fmt(mean(v, null, "ssimY"), "%.4f"))
                    .append("</td><td>").append(front ? "yes" : "").append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static String fmt(double v, String format) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, format, v);
    }

    private static String esc(String s) {
        return StringEscapeUtils.escapeHtml4(s);
    }
}
