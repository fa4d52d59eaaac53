package ablate.datasets.detection;

/** A COCO category. */
public record Category(int id, String name, String supercategory) {
}
