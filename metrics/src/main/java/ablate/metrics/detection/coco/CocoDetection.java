package ablate.metrics.detection.coco;

/** One entry of a COCO results list: {@code bbox} is {@code [x, y, width, height]}; its area is width·height. */
public record CocoDetection(long imageId, long categoryId, double x, double y, double width, double height, double score) {
}
