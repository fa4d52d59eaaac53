package ablate.metrics.detection.voc;

/** A ground-truth object for VOC evaluation: box {@code [x1, y1, x2, y2]}; difficult objects neither count nor penalise. */
public record VocObject(long imageId, long categoryId, double x1, double y1, double x2, double y2, boolean difficult) {
}
