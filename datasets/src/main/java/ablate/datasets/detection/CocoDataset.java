package ablate.datasets.detection;

import ablate.datasets.DatasetException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * COCO detection format: an annotation JSON with {@code images} ({@code id, file_name, width, height}),
 * {@code annotations} ({@code id, image_id, category_id, bbox [x, y, w, h], area, iscrowd}) and
 * {@code categories} ({@code id, name, supercategory}), and a folder of images (PNG, JPEG, BMP or GIF). Reading
 * checks every reference and size and names the file and field of the first problem.
 */
public final class CocoDataset {
    /** Folder of images and name of the annotation file that {@link #write} creates in its directory. */
    public static final String IMAGES_DIR = "images";
    public static final String ANNOTATIONS_FILE = "annotations.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private CocoDataset() {
    }

    /**
     * Writes {@code dir/images/FILE_NAME} (PNG) for every image and {@code dir/annotations.json}. The same set
     * gives the same bytes.
     *
     * @return the annotation file
     */
    public static Path write(DetectionSet set, Path dir) throws IOException {
        Path images = Files.createDirectories(dir.resolve(IMAGES_DIR));
        for (DetectionImage image : set.images()) {
            Path file = images.resolve(image.fileName());
            if (!file.normalize().startsWith(images.normalize())) {
                throw new IllegalArgumentException("image file name " + image.fileName() + " leaves " + images);
            }
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image.toBufferedImage(), "png", file.toFile())) {
                throw new IOException("no PNG writer available for " + file);
            }
        }
        Path annotations = dir.resolve(ANNOTATIONS_FILE);
        try (OutputStream out = Files.newOutputStream(annotations)) {
            writeAnnotations(set, out);
        }
        return annotations;
    }

    /** Writes the annotation JSON alone (compact, fields in COCO's order). */
    public static void writeAnnotations(DetectionSet set, OutputStream out) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.putObject("info").put("description", set.description());
        ArrayNode images = root.putArray("images");
        for (DetectionImage image : set.images()) {
            images.addObject().put("id", image.id()).put("file_name", image.fileName())
                    .put("width", image.width()).put("height", image.height());
        }
        ArrayNode annotations = root.putArray("annotations");
        for (Annotation a : set.annotations()) {
            ObjectNode node = annotations.addObject().put("id", a.id()).put("image_id", a.imageId())
                    .put("category_id", a.categoryId());
            ArrayNode bbox = node.putArray("bbox");
            for (double v : a.bbox()) {
                bbox.add(number(f, v));
            }
            node.set("area", number(f, a.area()));
            node.put("iscrowd", a.crowd() ? 1 : 0);
        }
        ArrayNode categories = root.putArray("categories");
        for (Category c : set.categories()) {
            categories.addObject().put("id", c.id()).put("name", c.name()).put("supercategory", c.supercategory());
        }
        JSON.writeValue(out, root);
    }

    /**
     * Reads a COCO detection dataset: the annotation JSON and the images it lists, found under
     * {@code imagesDir} by their {@code file_name}.
     *
     * @throws DatasetException naming the file and the field of the first problem found
     */
    public static DetectionSet read(Path annotationJson, Path imagesDir) {
        String name = annotationJson.toString();
        JsonNode root;
        try {
            root = JSON.readTree(annotationJson.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DatasetException(name + ": malformed JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + brief(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new DatasetException(name + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new DatasetException(name + ": expected a JSON object with images, annotations and categories");
        }
        Fields fields = new Fields(name);
        List<Category> categories = new ArrayList<>();
        for (JsonNode node : fields.array(root, "categories", true)) {
            String at = "categories[" + categories.size() + "]";
            categories.add(new Category(fields.integer(node, at, "id"), fields.text(node, at, "name", null),
                    fields.text(node, at, "supercategory", "")));
        }
        Map<Long, DetectionImage> images = new HashMap<>();
        List<DetectionImage> imageList = new ArrayList<>();
        for (JsonNode node : fields.array(root, "images", true)) {
            String at = "images[" + imageList.size() + "]";
            long id = fields.longInteger(node, at, "id");
            String fileName = fields.text(node, at, "file_name", null);
            int width = fields.integer(node, at, "width");
            int height = fields.integer(node, at, "height");
            if (width <= 0 || height <= 0) {
                throw new DatasetException(name + ": " + at + ": width and height must be positive, got " + width
                        + "x" + height);
            }
            if (images.containsKey(id)) {
                throw new DatasetException(name + ": " + at + ".id " + id + " is used twice");
            }
            DetectionImage image = readImage(imagesDir, fileName, id, width, height, name + ": " + at);
            images.put(id, image);
            imageList.add(image);
        }
        Set<Integer> categoryIds = new HashSet<>();
        for (int c = 0; c < categories.size(); c++) {
            if (!categoryIds.add(categories.get(c).id())) {
                throw new DatasetException(name + ": categories[" + c + "].id " + categories.get(c).id()
                        + " is used twice");
            }
        }
        List<Annotation> annotations = new ArrayList<>();
        Set<Long> annotationIds = new HashSet<>();
        for (JsonNode node : fields.array(root, "annotations", false)) {
            String at = "annotations[" + annotations.size() + "]";
            long id = fields.longInteger(node, at, "id");
            long imageId = fields.longInteger(node, at, "image_id");
            int categoryId = fields.integer(node, at, "category_id");
            if (!annotationIds.add(id)) {
                throw new DatasetException(name + ": " + at + ".id " + id + " is used twice");
            }
            if (!images.containsKey(imageId)) {
                throw new DatasetException(name + ": " + at + ".image_id " + imageId + " is not in images");
            }
            if (!categoryIds.contains(categoryId)) {
                throw new DatasetException(name + ": " + at + ".category_id " + categoryId + " is not in categories");
            }
            JsonNode bbox = node.get("bbox");
            if (bbox == null || !bbox.isArray() || bbox.size() != 4) {
                throw new DatasetException(name + ": " + at + ".bbox must be [x, y, width, height]");
            }
            double[] box = new double[4];
            for (int k = 0; k < 4; k++) {
                box[k] = fields.number(bbox.get(k), at + ".bbox[" + k + "]");
            }
            if (box[2] < 0 || box[3] < 0) {
                throw new DatasetException(name + ": " + at + ".bbox has a negative width or height (" + box[2] + ", "
                        + box[3] + ")");
            }
            double area = node.has("area") ? fields.number(node.get("area"), at + ".area") : box[2] * box[3];
            if (area < 0) {
                throw new DatasetException(name + ": " + at + ".area " + area + " is negative");
            }
            int crowd = node.has("iscrowd") ? fields.integer(node, at, "iscrowd") : 0;
            if (crowd != 0 && crowd != 1) {
                throw new DatasetException(name + ": " + at + ".iscrowd must be 0 or 1, got " + crowd);
            }
            annotations.add(new Annotation(id, imageId, categoryId, box[0], box[1], box[2], box[3], area, crowd == 1));
        }
        return new DetectionSet(categories, imageList, annotations, String.format(Locale.ROOT,
                "COCO dataset %s (%,d images, %,d boxes, %d categories)", annotationJson, imageList.size(),
                annotations.size(), categories.size()));
    }

    private static DetectionImage readImage(Path imagesDir, String fileName, long id, int width, int height,
                                            String where) {
        Path file = imagesDir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(where + ": image file " + file + " does not exist");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot decode the image (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new DatasetException(file + ": not an image format Java can read (use PNG, JPEG, BMP or GIF)");
        }
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new DatasetException(file + ": is " + image.getWidth() + "x" + image.getHeight() + ", the annotations"
                    + " say " + width + "x" + height);
        }
        return new DetectionImage(id, fileName, width, height, rgbPlanes(image));
    }

    /**
     * The image as 8-bit RGB planes. Grayscale rasters are read as stored (Java's {@code getRGB} would apply a
     * gamma curve to them); 16-bit samples keep their high byte.
     */
    static byte[] rgbPlanes(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        byte[] out = new byte[3 * plane];
        Raster raster = image.getRaster();
        boolean gray = !(image.getColorModel() instanceof IndexColorModel) && raster.getNumBands() <= 2;
        if (gray) {
            int shift = Math.max(0, raster.getSampleModel().getSampleSize(0) - 8);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    byte v = (byte) (raster.getSample(x, y, 0) >> shift);
                    out[y * w + x] = v;
                    out[plane + y * w + x] = v;
                    out[2 * plane + y * w + x] = v;
                }
            }
            return out;
        }
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int p = 0; p < plane; p++) {
            out[p] = (byte) (rgb[p] >> 16);
            out[plane + p] = (byte) (rgb[p] >> 8);
            out[2 * plane + p] = (byte) rgb[p];
        }
        return out;
    }

    /** Jackson's message without its source excerpt, on one line. */
    private static String brief(String message) {
        int cut = message.indexOf(" (for ");
        return (cut < 0 ? message : message.substring(0, cut)).replaceAll("\\s+", " ").trim();
    }

    private static JsonNode number(JsonNodeFactory f, double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? f.numberNode((long) v) : f.numberNode(v);
    }

    /** Typed field access with errors that name the file and the field. */
    private record Fields(String file) {
        Iterable<JsonNode> array(JsonNode root, String key, boolean required) {
            JsonNode node = root.get(key);
            if (node == null && !required) {
                return List.of();
            }
            if (node == null || !node.isArray()) {
                throw new DatasetException(file + ": '" + key + "' must be an array");
            }
            return node;
        }

        long longInteger(JsonNode node, String at, String key) {
            JsonNode value = node.get(key);
            if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
                throw new DatasetException(file + ": " + at + "." + key + (value == null ? " is missing" : " must be an"
                        + " integer, got " + value));
            }
            return value.asLong();
        }

        int integer(JsonNode node, String at, String key) {
            long value = longInteger(node, at, key);
            if (value != (int) value) {
                throw new DatasetException(file + ": " + at + "." + key + " " + value + " is out of range");
            }
            return (int) value;
        }

        String text(JsonNode node, String at, String key, String fallback) {
            JsonNode value = node.get(key);
            if (value == null && fallback != null) {
                return fallback;
            }
            if (value == null || !value.isTextual()) {
                throw new DatasetException(file + ": " + at + "." + key + (value == null ? " is missing" : " must be a"
                        + " string, got " + value));
            }
            return value.asText();
        }

        double number(JsonNode value, String at) {
            if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
                throw new DatasetException(file + ": " + at + " must be a finite number, got " + value);
            }
            return value.asDouble();
        }
    }
}
