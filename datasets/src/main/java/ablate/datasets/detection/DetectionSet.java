package ablate.datasets.detection;

import ablate.datasets.ImageBatchSource;
import ablate.datasets.Normalization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable detection dataset in COCO's terms: RGB images, ground-truth boxes and categories. Every image
 * and category listed counts in evaluation, with or without boxes.
 */
public final class DetectionSet implements ImageBatchSource {
    private final List<Category> categories;
    private final List<DetectionImage> images;
    private final List<Annotation> annotations;
    private final List<List<Annotation>> byImage;
    private final Map<Integer, Integer> categoryIndex = new HashMap<>();
    private final String description;

    /**
     * @throws IllegalArgumentException on duplicate ids, or an annotation whose image or category is not listed
     */
    public DetectionSet(List<Category> categories, List<DetectionImage> images, List<Annotation> annotations,
                        String description) {
        this.categories = List.copyOf(categories);
        this.images = List.copyOf(images);
        this.annotations = List.copyOf(annotations);
        this.description = description;
        for (int c = 0; c < this.categories.size(); c++) {
            if (categoryIndex.put(this.categories.get(c).id(), c) != null) {
                throw new IllegalArgumentException("category id " + this.categories.get(c).id() + " is listed twice");
            }
        }
        Map<Long, Integer> imageIndex = new HashMap<>();
        List<List<Annotation>> grouped = new ArrayList<>();
        for (int i = 0; i < this.images.size(); i++) {
            if (imageIndex.put(this.images.get(i).id(), i) != null) {
                throw new IllegalArgumentException("image id " + this.images.get(i).id() + " is listed twice");
            }
            grouped.add(new ArrayList<>());
        }
        java.util.Set<Long> annotationIds = new java.util.HashSet<>();
        for (Annotation a : this.annotations) {
            Integer i = imageIndex.get(a.imageId());
            if (i == null) {
                throw new IllegalArgumentException("annotation " + a.id() + " refers to unknown image id " + a.imageId());
            }
            if (!categoryIndex.containsKey(a.categoryId())) {
                throw new IllegalArgumentException("annotation " + a.id() + " refers to unknown category id "
                        + a.categoryId());
            }
            if (!annotationIds.add(a.id())) {
                throw new IllegalArgumentException("annotation id " + a.id() + " is listed twice");
            }
            grouped.get(i).add(a);
        }
        this.byImage = grouped.stream().map(List::copyOf).toList();
    }

    public List<Category> categories() {
        return categories;
    }

    public List<DetectionImage> images() {
        return images;
    }

    public List<Annotation> annotations() {
        return annotations;
    }

    /** The boxes of image {@code index} (a position in {@link #images()}), in file order. */
    public List<Annotation> annotationsOf(int index) {
        return byImage.get(index);
    }

    /** The position of a category id in {@link #categories()}: a contiguous class index for a model's head. */
    public int categoryIndex(int categoryId) {
        Integer index = categoryIndex.get(categoryId);
        if (index == null) {
            throw new IllegalArgumentException("unknown category id " + categoryId);
        }
        return index;
    }

    public String description() {
        return description;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public int channels() {
        return 3;
    }

    /** The common image height; an {@link IllegalStateException} if sizes differ (see {@link #resized}). */
    @Override
    public int height() {
        return commonSize()[1];
    }

    /** The common image width; an {@link IllegalStateException} if sizes differ (see {@link #resized}). */
    @Override
    public int width() {
        return commonSize()[0];
    }

    @Override
    public void fill(int[] indices, int from, int count, float[] out, Normalization normalization) {
        int size = imageSize();
        ImageBatchSource.requireCapacity(out, count, size);
        Normalization.Table table = normalization.table(3);
        for (int k = 0; k < count; k++) {
            table.convert(images.get(indices[from + k]).pixels(), 0, size / 3, out, k * size);
        }
    }

    /** The images at {@code indices} (no repeats), with their boxes. */
    public DetectionSet subset(int[] indices) {
        List<DetectionImage> picked = new ArrayList<>(indices.length);
        List<Annotation> boxes = new ArrayList<>();
        for (int i : indices) {
            picked.add(images.get(i));
            boxes.addAll(byImage.get(i));
        }
        return new DetectionSet(categories, picked, boxes, description + ", " + indices.length + " of " + size() + " images");
    }

    /**
     * Every image resampled (bilinear, pixel centres aligned) to {@code width}×{@code height}, boxes and areas
     * scaled to match; images already of that size are kept as they are.
     */
    public DetectionSet resized(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("resize target must be positive, got " + width + "x" + height);
        }
        List<DetectionImage> scaled = new ArrayList<>(images.size());
        List<Annotation> boxes = new ArrayList<>(annotations.size());
        for (int i = 0; i < images.size(); i++) {
            DetectionImage image = images.get(i);
            double sx = (double) width / image.width();
            double sy = (double) height / image.height();
            scaled.add(image.width() == width && image.height() == height ? image : new DetectionImage(image.id(),
                    image.fileName(), width, height, bilinear(image, width, height)));
            for (Annotation a : byImage.get(i)) {
                boxes.add(new Annotation(a.id(), a.imageId(), a.categoryId(), a.x() * sx, a.y() * sy, a.width() * sx,
                        a.height() * sy, a.area() * sx * sy, a.crowd()));
            }
        }
        return new DetectionSet(categories, scaled, boxes, description + ", resized to " + width + "x" + height);
    }

    private int[] commonSize() {
        if (images.isEmpty()) {
            throw new IllegalStateException("the detection set has no images");
        }
        int w = images.get(0).width();
        int h = images.get(0).height();
        for (DetectionImage image : images) {
            if (image.width() != w || image.height() != h) {
                throw new IllegalStateException("images differ in size (" + w + "x" + h + " and " + image.width() + "x"
                        + image.height() + " in " + image.fileName() + "); resize them first (resized(width, height))");
            }
        }
        return new int[] {w, h};
    }

    private static byte[] bilinear(DetectionImage image, int width, int height) {
        int w0 = image.width();
        int h0 = image.height();
        byte[] out = new byte[3 * width * height];
        for (int y = 0; y < height; y++) {
            double fy = Math.min(Math.max((y + 0.5) * h0 / height - 0.5, 0), h0 - 1);
            int y0 = (int) fy;
            int y1 = Math.min(y0 + 1, h0 - 1);
            double ty = fy - y0;
            for (int x = 0; x < width; x++) {
                double fx = Math.min(Math.max((x + 0.5) * w0 / width - 0.5, 0), w0 - 1);
                int x0 = (int) fx;
                int x1 = Math.min(x0 + 1, w0 - 1);
                double tx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    double top = image.pixel(c, x0, y0) * (1 - tx) + image.pixel(c, x1, y0) * tx;
                    double bottom = image.pixel(c, x0, y1) * (1 - tx) + image.pixel(c, x1, y1) * tx;
                    out[(c * height + y) * width + x] = (byte) Math.round(top * (1 - ty) + bottom * ty);
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "DetectionSet[" + images.size() + " images, " + annotations.size() + " boxes, " + categories.size()
                + " categories: " + description + "]";
    }
}
