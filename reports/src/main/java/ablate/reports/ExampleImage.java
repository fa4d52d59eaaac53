package ablate.reports;

import ablate.results.TrialResult;
import org.apache.commons.text.StringEscapeUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A test image with its true boxes and a trial's detections, read from the artifact {@value #ARTIFACT}: a list of
 * {@code {"imageId", "set", "width", "height", "truth": [[x, y, w, h, categoryId]…], "detections": [[x, y, w, h,
 * categoryId, score]…], "png": base64}}. The report draws the boxes itself from these numbers and embeds the image
 * only when it is plain base64, so no markup from a trial reaches the page. Malformed entries and boxes are left
 * out.
 *
 * @param imageId    the image's id in its test set
 * @param set        which test set
 * @param width      image width, pixels
 * @param height     image height, pixels
 * @param truth      true boxes: x, y, w, h, categoryId
 * @param detections detections: x, y, w, h, categoryId, score
 * @param png        the image as base64 PNG, empty when the artifact has none
 */
public record ExampleImage(long imageId, String set, int width, int height, List<double[]> truth,
                           List<double[]> detections, String png) {
    public static final String ARTIFACT = "examples";
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private static final String TRUTH_HEX = "#ffffff";

    /** The trial's examples, in order; none when the artifact is missing or malformed. */
    public static List<ExampleImage> of(TrialResult t) {
        List<ExampleImage> out = new ArrayList<>();
        if (t.artifacts() == null || !(t.artifacts().get(ARTIFACT) instanceof List<?> list)) {
            return out;
        }
        for (Object o : list) {
            if (o instanceof Map<?, ?> m && m.get("width") instanceof Number w && m.get("height") instanceof Number h
                    && w.intValue() > 0 && h.intValue() > 0) {
                String png = m.get("png") instanceof String s && BASE64.matcher(s).matches() ? s : "";
                out.add(new ExampleImage(m.get("imageId") instanceof Number id ? id.longValue() : -1,
                        m.get("set") == null ? "" : String.valueOf(m.get("set")), w.intValue(), h.intValue(),
                        boxes(m.get("truth"), 5), boxes(m.get("detections"), 6), png));
            }
        }
        return out;
    }

    /** The rows of a list of number lists with at least {@code size} finite numbers each; the others are dropped. */
    private static List<double[]> boxes(Object value, int size) {
        List<double[]> out = new ArrayList<>();
        if (value instanceof List<?> rows) {
            for (Object row : rows) {
                List<Double> v = PrCurves.numbers(row);
                if (v != null && v.size() >= size && v.stream().limit(size).allMatch(Double::isFinite)) {
                    out.add(v.stream().limit(size).mapToDouble(Double::doubleValue).toArray());
                }
            }
        }
        return out;
    }

    /**
     * The image as an inline SVG in image pixels: true boxes dashed white on black, detections in their category's
     * colour (its index in {@code categories}, the order of the precision–recall chart) labelled with the category
     * name and score where a label fits without covering another ({@link LabelLayout}).
     */
    String svg(List<Long> categories, Map<Long, String> names) {
        // Shown about 360 px wide: strokes of about 3 px, labels of about 12 px.
        double size = Math.max(width, height);
        String stroke = coordinate(size / 120);
        double fontSize = size / 26;
        String font = coordinate(fontSize);
        StringBuilder b = new StringBuilder(png.length() + 400 + 300 * (truth.size() + detections.size()));
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" class=\"example-image\" role=\"img\" aria-label=\"")
                .append(escape(truth.size() + " true boxes (dashed), " + detections.size() + " detections"))
                .append("\"><rect width=\"").append(width).append("\" height=\"").append(height).append("\" fill=\"")
                .append(Charts.GRID_HEX).append("\"/>");
        if (!png.isEmpty()) {
            b.append("<image width=\"").append(width).append("\" height=\"").append(height)
                    .append("\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,")
                    .append(png).append("\"/>");
        }
        for (double[] t : truth) {
            rect(b, t, "#000000", stroke, "");
            rect(b, t, TRUTH_HEX, stroke, " stroke-dasharray=\"" + coordinate(size / 40) + "\"");
        }
        for (double[] d : detections) {
            rect(b, d, colour(d, categories), stroke, "");
        }
        // labels after every box, so none is hidden under a box; the most confident first, so they get the best spots
        LabelLayout layout = new LabelLayout(width, height, fontSize);
        List<double[]> byScore = new ArrayList<>(detections);
        byScore.sort(java.util.Comparator.comparingDouble((double[] d) -> d[5]).reversed());
        for (double[] d : byScore) {
            long category = (long) d[4];
            String label = names.getOrDefault(category, "class " + category) + " " + String.format(Locale.ROOT, "%.2f", d[5]);
            java.util.Optional<double[]> at = layout.place(d, label);
            if (at.isEmpty()) {
                continue;
            }
            b.append("<text x=\"").append(coordinate(at.get()[0])).append("\" y=\"")
                    .append(coordinate(at.get()[1])).append("\" font-size=\"").append(font)
                    .append("\" font-family=\"sans-serif\" font-weight=\"700\" fill=\"").append(colour(d, categories))
                    .append("\" stroke=\"#ffffff\" stroke-opacity=\"0.85\" stroke-width=\"").append(coordinate(fontSize / 4))
                    .append("\" paint-order=\"stroke\">").append(escape(label)).append("</text>");
        }
        return b.append("</svg>").toString();
    }

    /** A detection's colour: its category's in the precision–recall chart, grey for a category not charted. */
    private static String colour(double[] d, List<Long> categories) {
        int index = categories.indexOf((long) d[4]);
        return Charts.colorHex(index < 0 ? Charts.OTHERS_COLOR : index);
    }

    private static void rect(StringBuilder b, double[] box, String colour, String width, String extra) {
        b.append("<rect x=\"").append(coordinate(box[0])).append("\" y=\"").append(coordinate(box[1]))
                .append("\" width=\"").append(coordinate(box[2])).append("\" height=\"").append(coordinate(box[3]))
                .append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"").append(width).append('"')
                .append(extra).append("/>");
    }

    private static String coordinate(double v) {
        return Charts.coordinate(v);
    }

    private static String escape(String s) {
        return StringEscapeUtils.escapeXml10(s);
    }
}
