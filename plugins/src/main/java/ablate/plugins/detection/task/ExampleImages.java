package ablate.plugins.detection.task;

import ablate.datasets.detection.Annotation;
import ablate.datasets.detection.DetectionSet;
import ablate.metrics.detection.coco.CocoDetection;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Example images for the report: a test image with its true boxes and the final detections drawn, as a
 * self-contained SVG (the image embedded as a PNG data URI, boxes as vector rectangles), plus the boxes as data.
 */
final class ExampleImages {
    /** Detections below this score are left out of the drawing (and the data). */
    static final double MIN_SCORE = 0.3;
    static final int DISPLAY_SCALE = 3;
    static final int CANDIDATES = 16;
    private static final String[] COLOURS = {"#e6194b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6"};

    private ExampleImages() {
    }

    /**
     * One example as a map: {@code imageId}, {@code set} (which test set), {@code width}, {@code height},
     * {@code truth} ([x, y, w, h, categoryId] each), {@code detections} ([x, y, w, h, categoryId, score] each, score
     * ≥ {@value #MIN_SCORE}) and {@code svg}.
     */
    static Map<String, Object> of(DetectionSet set, int index, List<CocoDetection> detections, String setName) {
        var image = set.images().get(index);
        List<List<Double>> truth = new ArrayList<>();
        StringBuilder svg = new StringBuilder();
        int w = image.width();
        int h = image.height();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\"><image width=\"%d\" height=\"%d\" style=\"image-rendering:pixelated\" "
                + "href=\"data:image/png;base64,%s\"/>", w * DISPLAY_SCALE, h * DISPLAY_SCALE, w, h, w, h, png(image)));
        for (Annotation a : set.annotationsOf(index)) {
            truth.add(List.of(a.x(), a.y(), a.width(), a.height(), (double) a.categoryId()));
            svg.append(rect(a.x(), a.y(), a.width(), a.height(), "#00ff00", " stroke-dasharray=\"1.5 1\""));
        }
        List<List<Double>> found = new ArrayList<>();
        for (CocoDetection d : detections) {
            if (d.imageId() != image.id() || d.score() < MIN_SCORE) {
                continue;
            }
            found.add(List.of(d.x(), d.y(), d.width(), d.height(), (double) d.categoryId(), d.score()));
            String colour = COLOURS[(int) Math.floorMod(d.categoryId() - 1, (long) COLOURS.length)];
            svg.append(rect(d.x(), d.y(), d.width(), d.height(), colour, ""));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"4\" fill=\"%s\" "
                    + "font-family=\"sans-serif\">%s %.2f</text>", d.x() + 0.5, Math.max(4, d.y() - 0.5), colour,
                    escape(set.categories().get(set.categoryIndex((int) d.categoryId())).name()), d.score()));
        }
        svg.append("</svg>");
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("imageId", image.id());
        example.put("set", setName);
        example.put("width", w);
        example.put("height", h);
        example.put("truth", truth);
        example.put("detections", found);
        example.put("svg", svg.toString());
        return example;
    }

    /** The image with the most objects among the first {@value #CANDIDATES} (the first of those on ties). */
    static int busiest(DetectionSet set) {
        int best = 0;
        for (int i = 1; i < Math.min(CANDIDATES, set.size()); i++) {
            if (set.annotationsOf(i).size() > set.annotationsOf(best).size()) {
                best = i;
            }
        }
        return best;
    }

    private static String rect(double x, double y, double w, double h, String colour, String extra) {
        return String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" "
                + "stroke=\"%s\" stroke-width=\"0.6\"%s/>", x, y, w, h, colour, extra);
    }

    private static String png(ablate.datasets.detection.DetectionImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image.toBufferedImage(), "png", out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode example image " + image.fileName(), e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
