package ablate.metrics.detection.coco;

import java.util.List;

/**
 * A COCO annotation file, reduced to what box evaluation reads: the image ids, the categories and the annotations.
 * Every listed image and category takes part in the evaluation, with or without annotations.
 */
public record CocoGroundTruth(List<Long> imageIds, List<CocoCategory> categories, List<CocoAnnotation> annotations) {
    public CocoGroundTruth {
        imageIds = List.copyOf(imageIds);
        categories = List.copyOf(categories);
        annotations = List.copyOf(annotations);
    }
}
