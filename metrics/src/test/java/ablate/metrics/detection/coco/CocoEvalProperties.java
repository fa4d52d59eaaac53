package ablate.metrics.detection.coco;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Properties of COCO evaluation on random scenes: objects sit in separate cells of a grid (so no box can reach
 * IoU ≥ .5 with two of them), detections are jittered copies of objects plus stray boxes, with distinct scores.
 */
class CocoEvalProperties {

    record Scene(CocoGroundTruth truth, List<CocoDetection> detections) {
    }

    static Scene scene(long seed, boolean perfect) {
        Random random = new Random(seed);
        int images = 1 + random.nextInt(4);
        int categories = 1 + random.nextInt(3);
        List<Long> imageIds = new ArrayList<>();
        List<CocoAnnotation> objects = new ArrayList<>();
        List<CocoDetection> detections = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            long image = 1 + random.nextInt(1000) * 10L + i;
            imageIds.add(image);
            int count = random.nextInt(12);
            for (int o = 0; o < count; o++) {
                double x = (o % 4) * 200 + random.nextInt(20);
                double y = (o / 4) * 200 + random.nextInt(20);
                double w = 5 + random.nextInt(150);
                double h = 5 + random.nextInt(150);
                long category = 1 + random.nextInt(categories);
                objects.add(new CocoAnnotation(objects.size() + 1, image, category, x, y, w, h, w * h, false));
                if (perfect) {
                    detections.add(new CocoDetection(image, category, x, y, w, h, 0));
                } else if (random.nextInt(4) > 0) {
                    double jitter = random.nextDouble() * 0.4 * w;
                    detections.add(new CocoDetection(image, category, x + jitter, y, w, h, 0));
                }
            }
            int stray = perfect ? 0 : random.nextInt(5);
            for (int s = 0; s < stray; s++) {
                detections.add(new CocoDetection(image, 1 + random.nextInt(categories), random.nextInt(800),
                        random.nextInt(800), 5 + random.nextInt(100), 5 + random.nextInt(100), 0));
            }
        }
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            ranks.add(i + 1);
        }
        Collections.shuffle(ranks, random);
        List<CocoDetection> scored = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            CocoDetection d = detections.get(i);
            scored.add(new CocoDetection(d.imageId(), d.categoryId(), d.x(), d.y(), d.width(), d.height(),
                    ranks.get(i) / (detections.size() + 1.0)));
        }
        List<CocoCategory> cats = new ArrayList<>();
        for (int c = 1; c <= categories; c++) {
            cats.add(new CocoCategory(c, "c" + c));
        }
        return new Scene(new CocoGroundTruth(imageIds, cats, objects), scored);
    }

    @Property(tries = 60)
    void perfectDetectorScoresOne(@ForAll long seed) {
        Scene s = scene(seed, true);
        CocoSummary summary = CocoEval.evaluate(s.truth(), s.detections());
        if (s.truth().annotations().isEmpty()) {
            assertThat(summary.ap()).isEqualTo(-1.0);
            return;
        }
        // a category's single TP has precision 1/(1+2^-52), so AP is 1 within an ulp or two
        assertThat(summary.ap()).isCloseTo(1.0, within(1e-12));
        assertThat(summary.ap50()).isCloseTo(1.0, within(1e-12));
        assertThat(summary.ar100()).isEqualTo(1.0);
    }

    @Property(tries = 60)
    void invariantToTheOrderOfImagesObjectsAndDetections(@ForAll long seed, @ForAll @IntRange(min = 0, max = 1000) int shuffleSeed) {
        Scene s = scene(seed, false);
        Random random = new Random(shuffleSeed);
        List<Long> images = new ArrayList<>(s.truth().imageIds());
        List<CocoAnnotation> objects = new ArrayList<>(s.truth().annotations());
        List<CocoCategory> categories = new ArrayList<>(s.truth().categories());
        List<CocoDetection> detections = new ArrayList<>(s.detections());
        Collections.shuffle(images, random);
        Collections.shuffle(objects, random);
        Collections.shuffle(categories, random);
        Collections.shuffle(detections, random);
        CocoSummary shuffled = CocoEval.evaluate(new CocoGroundTruth(images, categories, objects), detections);
        assertThat(shuffled).isEqualTo(CocoEval.evaluate(s.truth(), s.detections()));
    }

    @Property(tries = 60)
    void aDuplicateDetectionNeverRaisesAp(@ForAll long seed, @ForAll @IntRange(min = 0, max = 50) int pick) {
        Scene s = scene(seed, false);
        if (s.detections().isEmpty()) {
            return;
        }
        int i = pick % s.detections().size();
        List<CocoDetection> withDuplicate = new ArrayList<>(s.detections());
        withDuplicate.add(i + 1, s.detections().get(i));
        double[] before = CocoEval.evaluate(s.truth(), s.detections()).stats();
        double[] after = CocoEval.evaluate(s.truth(), withDuplicate).stats();
        for (int k = 0; k < 12; k++) {
            assertThat(after[k]).as(CocoSummary.KEYS.get(k)).isLessThanOrEqualTo(before[k]);
        }
    }
}
