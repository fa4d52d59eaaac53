package ablate.plugins.detection.task;

import ablate.datasets.detection.Annotation;
import ablate.datasets.detection.Category;
import ablate.datasets.detection.DetectionImage;
import ablate.datasets.detection.DetectionSet;
import ablate.metrics.detection.StableOrder;
import ablate.metrics.detection.coco.CocoAnnotation;
import ablate.metrics.detection.coco.CocoCategory;
import ablate.metrics.detection.coco.CocoDetection;
import ablate.metrics.detection.coco.CocoGroundTruth;
import ablate.plugins.detection.Detections;

import java.util.ArrayList;
import java.util.List;

/** Between the task's {@link DetectionSet}s and {@link Detections} and the metrics module's COCO types. */
final class CocoScoring {
    private CocoScoring() {
    }

    static CocoGroundTruth groundTruth(DetectionSet set) {
        List<Long> images = set.images().stream().map(DetectionImage::id).toList();
        List<CocoCategory> categories = new ArrayList<>();
        for (Category c : set.categories()) {
            categories.add(new CocoCategory(c.id(), c.name()));
        }
        List<CocoAnnotation> annotations = new ArrayList<>();
        for (Annotation a : set.annotations()) {
            annotations.add(new CocoAnnotation(a.id(), a.imageId(), a.categoryId(), a.x(), a.y(), a.width(), a.height(),
                    a.area(), a.crowd()));
        }
        return new CocoGroundTruth(images, categories, annotations);
    }

    /**
     * The detections of {@code set} as COCO results: a detection's image is a position in {@code set.images()} and
     * its category a position in {@code set.categories()}; per image only the {@code perImage} best-scoring ones
     * (stable on ties) are kept, as a detector's final output is.
     */
    static List<CocoDetection> results(Detections detections, DetectionSet set, int perImage) {
        int images = set.size();
        List<List<Integer>> byImage = new ArrayList<>(images);
        for (int i = 0; i < images; i++) {
            byImage.add(new ArrayList<>());
        }
        for (int d = 0; d < detections.size(); d++) {
            byImage.get(detections.image(d)).add(d);
        }
        List<CocoDetection> out = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            List<Integer> mine = byImage.get(i);
            double[] scores = mine.stream().mapToDouble(detections::score).toArray();
            int[] order = StableOrder.descending(scores, scores.length);
            long imageId = set.images().get(i).id();
            for (int r = 0; r < Math.min(perImage, order.length); r++) {
                int d = mine.get(order[r]);
                out.add(new CocoDetection(imageId, set.categories().get(detections.category(d)).id(), detections.x1(d),
                        detections.y1(d), detections.x2(d) - detections.x1(d), detections.y2(d) - detections.y1(d),
                        detections.score(d)));
            }
        }
        return out;
    }
}
