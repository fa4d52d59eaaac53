package ablate.metrics.detection.voc;

/** A detection for VOC evaluation: box {@code [x1, y1, x2, y2]} and confidence. */
public record VocDetection(long imageId, long categoryId, double x1, double y1, double x2, double y2, double score) {
}
