package ablate.metrics.detection.coco;

/** A category of a COCO annotation file. */
public record CocoCategory(long id, String name) {
}
