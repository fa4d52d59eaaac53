package ablate.datasets.detection;

/**
 * A COCO ground-truth box: {@code [x, y, width, height]} in pixels from the image's top-left corner, its
 * {@code area} (what COCO's area ranges use: the object's pixel area, not always width·height) and crowd flag.
 */
public record Annotation(long id, long imageId, int categoryId, double x, double y, double width, double height,
                         double area, boolean crowd) {
    /** {@code [x, y, width, height]}. */
    public double[] bbox() {
        return new double[] {x, y, width, height};
    }

    /** Intersection over union of the two boxes (continuous coordinates, no +1). */
    public double iou(Annotation other) {
        return iou(x, y, width, height, other.x, other.y, other.width, other.height);
    }

    static double iou(double ax, double ay, double aw, double ah, double bx, double by, double bw, double bh) {
        double iw = Math.min(ax + aw, bx + bw) - Math.max(ax, bx);
        double ih = Math.min(ay + ah, by + bh) - Math.max(ay, by);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double intersection = iw * ih;
        return intersection / (aw * ah + bw * bh - intersection);
    }
}
