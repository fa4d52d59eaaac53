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
import java.util.Map;

/**
 * Example images for the report: a test image (as a base64 PNG) with its true boxes and the final detections as
 * data; the report draws the boxes.
 */
final class ExampleImages {
    /** Detections below this score are left out. */
    static final double MIN_SCORE = 0.3;
    static final int CANDIDATES = 16;

    private ExampleImages() {
    }

    /**
     * One example as a map: {@code imageId}, {@code set} (which test set), {@code width}, {@code height},
     * {@code truth} ([x, y, w, h, categoryId] each), {@code detections} ([x, y, w, h, categoryId, score] each, score
     * ≥ {@value #MIN_SCORE}) and {@code png} (the image, base64).
     */
    static Map<String, Object> of(DetectionSet set, int index, List<CocoDetection> detections, String setName) {
        var image = set.images().get(index);
        List<List<Double>> truth = new ArrayList<>();
        for (Annotation a : set.annotationsOf(index)) {
            truth.add(List.of(a.x(), a.y(), a.width(), a.height(), (double) a.categoryId()));
        }
        List<List<Double>> found = new ArrayList<>();
        for (CocoDetection d : detections) {
            if (d.imageId() == image.id() && d.score() >= MIN_SCORE) {
                found.add(List.of(d.x(), d.y(), d.width(), d.height(), (double) d.categoryId(), d.score()));
            }
        }
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("imageId", image.id());
        example.put("set", setName);
        example.put("width", image.width());
        example.put("height", image.height());
        example.put("truth", truth);
        example.put("detections", found);
        example.put("png", png(image));
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

    private static String png(ablate.datasets.detection.DetectionImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image.toBufferedImage(), "png", out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode example image " + image.fileName(), e);
        }
    }
}
