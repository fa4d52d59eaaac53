package ablate.harness.cli.metric;

import ablate.harness.UserError;
import ablate.metrics.detection.coco.CocoAnnotation;
import ablate.metrics.detection.coco.CocoCategory;
import ablate.metrics.detection.coco.CocoDetection;
import ablate.metrics.detection.coco.CocoGroundTruth;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Streaming reader of COCO files: an annotation file ({@code images}, {@code categories}, {@code annotations}; other
 * keys are skipped) and a results list ({@code [{"image_id", "category_id", "bbox": [x, y, w, h], "score"}, …]}).
 * Every problem becomes a {@link UserError} naming the file, the entry and the field.
 */
final class CocoJson {
    /** FastDoubleParser: correctly rounded like Double.parseDouble, several times faster on large results lists. */
    private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    /** The ground truth plus, per annotation, whether it is marked {@code difficult} or {@code ignore} (for VOC). */
    record Truth(CocoGroundTruth truth, BitSet difficult) {
    }

    private CocoJson() {
    }

    /** The entry being read, named only when a message needs it (no string building per entry). */
    private static final class Where {
        private final String prefix;
        private final String suffix;
        int index;

        Where(String prefix, String suffix) {
            this.prefix = prefix;
            this.suffix = suffix;
        }

        @Override
        public String toString() {
            return prefix + index + suffix;
        }
    }

    static Truth readTruth(Path file) {
        return read(file, p -> {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, file, "the annotation file must be a JSON object");
            List<Long> images = null;
            List<CocoCategory> categories = null;
            List<CocoAnnotation> annotations = new ArrayList<>();
            BitSet difficult = new BitSet();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                switch (key) {
                    case "images" -> images = readImages(p, file);
                    case "categories" -> categories = readCategories(p, file);
                    case "annotations" -> readAnnotations(p, file, annotations, difficult);
                    default -> p.skipChildren();
                }
                if (value == null) {
                    break;
                }
            }
            if (images == null) {
                throw new UserError(file + ": no \"images\" list (is this a COCO annotation file?)");
            }
            if (categories == null) {
                throw new UserError(file + ": no \"categories\" list (is this a COCO annotation file?)");
            }
            return new Truth(new CocoGroundTruth(images, categories, annotations), difficult);
        });
    }

    static List<CocoDetection> readResults(Path file) {
        return read(file, p -> {
            expect(p, p.nextToken(), JsonToken.START_ARRAY, file, "a results file must be a JSON array of detections");
            List<CocoDetection> out = new ArrayList<>();
            Where where = new Where(file + ": detection ", "");
            while (p.nextToken() == JsonToken.START_OBJECT) {
                where.index = out.size();
                Long image = null;
                Long category = null;
                double[] bbox = null;
                Double score = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    switch (key) {
                        case "image_id" -> image = id(p, where, key);
                        case "category_id" -> category = id(p, where, key);
                        case "bbox" -> bbox = box(p, where);
                        case "score" -> score = number(p, where, key);
                        default -> p.skipChildren();
                    }
                }
                out.add(new CocoDetection(required(image, where, "image_id"), required(category, where, "category_id"),
                        required(bbox, where, "bbox")[0], bbox[1], bbox[2], bbox[3], required(score, where, "score")));
            }
            expect(p, p.currentToken(), JsonToken.END_ARRAY, file, "a results file must be a JSON array of detections");
            return out;
        });
    }

    private static List<Long> readImages(JsonParser p, Path file) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_ARRAY, file, "\"images\" must be a list");
        List<Long> ids = new ArrayList<>();
        Where where = new Where(file + ": images[", "]");
        while (p.nextToken() == JsonToken.START_OBJECT) {
            where.index = ids.size();
            Long id = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (key.equals("id")) {
                    id = id(p, where, key);
                } else {
                    p.skipChildren();
                }
            }
            ids.add(required(id, where, "id"));
        }
        expect(p, p.currentToken(), JsonToken.END_ARRAY, file, "\"images\" must be a list of objects");
        return ids;
    }

    private static List<CocoCategory> readCategories(JsonParser p, Path file) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_ARRAY, file, "\"categories\" must be a list");
        List<CocoCategory> out = new ArrayList<>();
        Where where = new Where(file + ": categories[", "]");
        while (p.nextToken() == JsonToken.START_OBJECT) {
            where.index = out.size();
            Long id = null;
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                switch (key) {
                    case "id" -> id = id(p, where, key);
                    case "name" -> name = p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
            long categoryId = required(id, where, "id");
            out.add(new CocoCategory(categoryId, name == null ? String.valueOf(categoryId) : name));
        }
        expect(p, p.currentToken(), JsonToken.END_ARRAY, file, "\"categories\" must be a list of objects");
        return out;
    }

    private static void readAnnotations(JsonParser p, Path file, List<CocoAnnotation> out, BitSet difficult) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_ARRAY, file, "\"annotations\" must be a list");
        Where where = new Where(file + ": annotations[", "]");
        while (p.nextToken() == JsonToken.START_OBJECT) {
            where.index = out.size();
            long id = out.size() + 1L;
            Long image = null;
            Long category = null;
            double[] bbox = null;
            Double area = null;
            boolean crowd = false;
            boolean hard = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                switch (key) {
                    case "id" -> id = id(p, where, key);
                    case "image_id" -> image = id(p, where, key);
                    case "category_id" -> category = id(p, where, key);
                    case "bbox" -> bbox = box(p, where);
                    case "area" -> area = number(p, where, key);
                    case "iscrowd" -> crowd = flag(p, where, key);
                    case "difficult", "ignore" -> hard |= flag(p, where, key);
                    default -> p.skipChildren();
                }
            }
            if (hard) {
                difficult.set(out.size());
            }
            out.add(new CocoAnnotation(id, required(image, where, "image_id"), required(category, where, "category_id"),
                    required(bbox, where, "bbox")[0], bbox[1], bbox[2], bbox[3], required(area, where, "area"), crowd));
        }
        expect(p, p.currentToken(), JsonToken.END_ARRAY, file, "\"annotations\" must be a list of objects");
    }

    private static long id(JsonParser p, Where where, String key) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new UserError(where + ": \"" + key + "\" must be an integer, got " + describe(p));
        }
        return p.getLongValue();
    }

    private static double number(JsonParser p, Where where, String key) throws IOException {
        if (!p.currentToken().isNumeric()) {
            throw new UserError(where + ": \"" + key + "\" must be a number, got " + describe(p));
        }
        return p.getDoubleValue();
    }

    private static boolean flag(JsonParser p, Where where, String key) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            case VALUE_NUMBER_INT -> p.getLongValue() != 0;
            default -> throw new UserError(where + ": \"" + key + "\" must be 0/1 or a boolean, got " + describe(p));
        };
    }

    private static double[] box(JsonParser p, Where where) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new UserError(where + ": \"bbox\" must be [x, y, width, height], got " + describe(p));
        }
        double[] box = new double[4];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == 4 || !p.currentToken().isNumeric()) {
                throw new UserError(where + ": \"bbox\" must be 4 numbers [x, y, width, height]");
            }
            box[n++] = p.getDoubleValue();
        }
        if (n != 4) {
            throw new UserError(where + ": \"bbox\" must be 4 numbers [x, y, width, height], got " + n);
        }
        if (box[2] < 0 || box[3] < 0) {
            // pycocotools would compute a negative area and meaningless IoUs from it without a word.
            throw new UserError(where + ": \"bbox\" " + Arrays.toString(box) + " has a negative "
                    + (box[2] < 0 ? "width" : "height") + "; COCO boxes are [x, y, width, height] with width, height >= 0");
        }
        return box;
    }

    private static <T> T required(T value, Where where, String key) {
        if (value == null) {
            throw new UserError(where + ": missing \"" + key + "\"");
        }
        return value;
    }

    private static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return t == null ? "end of file" : t.isScalarValue() ? p.getText() : t.asString() == null ? t.name() : t.asString();
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected, Path file, String message) {
        if (actual != expected) {
            throw new UserError(file + ": " + message + " (line " + p.currentLocation().getLineNr() + ")");
        }
    }

    interface Reader<T> {
        T read(JsonParser parser) throws IOException;
    }

    private static <T> T read(Path file, Reader<T> reader) {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = FACTORY.createParser(in)) {
            return reader.read(parser);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new UserError(file + ": malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
    }
}
