package ablate.plugins.detection.cli;

import ablate.harness.UserError;
import ablate.plugins.detection.Detections;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A COCO results list ({@code [{"image_id", "category_id", "bbox": [x, y, w, h], "score"}, ...]}) read into
 * {@link Detections} with corners {@code (x, y, x + w, y + h)}, keeping the original bbox numbers so that
 * untouched boxes are written back exactly as read.
 */
final class CocoResults {
    static final String FORMAT = "[{\"image_id\": int, \"category_id\": int, \"bbox\": [x, y, w, h], \"score\": number}, ...]";
    // NaN and Infinity tokens (Python's json.dump writes them) parse, so they get a precise message.
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final Detections detections;
    private final double[] bbox; // x, y, w, h of detection i at 4i..4i+3

    private CocoResults(Detections detections, double[] bbox) {
        this.detections = detections;
        this.bbox = bbox;
    }

    Detections detections() {
        return detections;
    }

    /**
     * @param file   the results list
     * @param images the image ids of the ground truth, or null to accept any id
     * @param source the ground-truth file, for messages (null when {@code images} is)
     */
    static CocoResults read(Path file, Set<Integer> images, Path source) {
        JsonNode root = readJson(file);
        if (!root.isArray()) {
            throw new UserError(file + ": expected a COCO results list " + FORMAT + ", found " + kind(root));
        }
        int n = root.size();
        Detections.Builder detections = Detections.builder(n);
        double[] bbox = new double[4 * n];
        for (int i = 0; i < n; i++) {
            String where = file + "[" + i + "]";
            JsonNode d = root.get(i);
            if (!d.isObject()) {
                throw new UserError(where + ": expected a detection object, found " + kind(d));
            }
            int image = integer(d, "image_id", where);
            int category = integer(d, "category_id", where);
            if (images != null && !images.contains(image)) {
                throw new UserError(where + ": image_id " + image + " is not an image of " + source);
            }
            JsonNode box = d.get("bbox");
            if (box == null || !box.isArray() || box.size() != 4) {
                throw new UserError(where + ": 'bbox' must be a list of 4 numbers [x, y, w, h], found "
                        + (box == null ? "nothing" : box.toString()));
            }
            String[] names = {"x", "y", "width", "height"};
            for (int k = 0; k < 4; k++) {
                JsonNode v = box.get(k);
                if (!v.isNumber()) {
                    throw new UserError(where + ": bbox " + names[k] + " must be a number, found " + v);
                }
                bbox[4 * i + k] = v.doubleValue();
                if (!Double.isFinite(bbox[4 * i + k])) {
                    throw new UserError(where + ": bbox " + names[k] + " is " + bbox[4 * i + k]);
                }
            }
            for (int k = 2; k < 4; k++) {
                if (bbox[4 * i + k] < 0) {
                    throw new UserError(where + ": bbox " + names[k] + " is negative (" + bbox[4 * i + k] + ")");
                }
            }
            JsonNode score = d.get("score");
            if (score == null || !score.isNumber()) {
                throw new UserError(where + ": 'score' must be a number, found " + (score == null ? "nothing" : score));
            }
            if (!Double.isFinite(score.doubleValue())) {
                throw new UserError(where + ": score is " + score.doubleValue());
            }
            double x = bbox[4 * i];
            double y = bbox[4 * i + 1];
            double x2 = x + bbox[4 * i + 2];
            double y2 = y + bbox[4 * i + 3];
            if (!Double.isFinite(x2) || !Double.isFinite(y2)) {
                throw new UserError(where + ": bbox corner (x + width, y + height) overflows a double");
            }
            detections.add(image, category, x, y, x2, y2, score.doubleValue());
        }
        return new CocoResults(detections.build(), bbox);
    }

    /** The ids of the {@code images} list of a COCO annotation file. */
    static Set<Integer> imageIds(Path annotations) {
        JsonNode root = readJson(annotations);
        JsonNode images = root.get("images");
        if (!root.isObject() || images == null || !images.isArray()) {
            throw new UserError(annotations + ": expected a COCO annotation object with an 'images' list");
        }
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < images.size(); i++) {
            JsonNode image = images.get(i);
            String where = annotations + ": images[" + i + "]";
            if (!image.isObject()) {
                throw new UserError(where + ": expected an image object, found " + kind(image));
            }
            ids.add(integer(image, "id", where));
        }
        return ids;
    }

    /**
     * Writes {@code kept} (the output of a post-processor run on {@link #detections()}) as a COCO results
     * list, one detection per line. A box whose corners are unchanged keeps its input bbox numbers.
     */
    void write(Detections kept, PrintWriter out) {
        StringBuilder s = new StringBuilder(64 * kept.size() + 4).append('[');
        for (int k = 0; k < kept.size(); k++) {
            int i = kept.source(k);
            double x = bbox[4 * i];
            double y = bbox[4 * i + 1];
            double w = bbox[4 * i + 2];
            double h = bbox[4 * i + 3];
            if (kept.x1(k) != x || kept.y1(k) != y || kept.x2(k) != x + w || kept.y2(k) != y + h) {
                x = kept.x1(k);
                y = kept.y1(k);
                w = kept.x2(k) - x;
                h = kept.y2(k) - y;
            }
            s.append(k == 0 ? "\n" : ",\n").append("{\"image_id\": ").append(kept.image(k))
                    .append(", \"category_id\": ").append(kept.category(k))
                    .append(", \"bbox\": [").append(x).append(", ").append(y).append(", ").append(w).append(", ")
                    .append(h).append("], \"score\": ").append(kept.score(k)).append('}');
        }
        out.println(s.append(kept.size() == 0 ? "]" : "\n]"));
        out.flush();
    }

    private static JsonNode readJson(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new UserError(file + ": the file is empty; expected " + FORMAT);
        }
        try {
            return JSON.readTree(bytes);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            throw new UserError(file + ": not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static int integer(JsonNode object, String field, String where) {
        JsonNode v = object.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new UserError(where + ": '" + field + "' must be an integer, found " + (v == null ? "nothing" : v));
        }
        if (!v.canConvertToInt()) {
            throw new UserError(where + ": '" + field + "' " + v + " is outside the 32-bit integer range");
        }
        return v.intValue();
    }

    private static String kind(JsonNode node) {
        return node.isObject() ? "an object" : node.isArray() ? "a list" : node.isTextual() ? "text " + node
                : node.toString();
    }
}
