package ablate.metrics.detection.coco;

/**
 * A ground-truth object of a COCO annotation file: {@code bbox} is {@code [x, y, width, height]}; {@code area} is
 * the file's {@code area} field (the segment's area, which the area ranges use), not the box's.
 */
public record CocoAnnotation(long id, long imageId, long categoryId, double x, double y, double width, double height,
                             double area, boolean crowd) {
}
