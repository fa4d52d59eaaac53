package ablate.plugins.detection.task;

import ablate.metrics.detection.coco.CocoAnnotation;
import ablate.metrics.detection.coco.CocoCategory;
import ablate.metrics.detection.coco.CocoDetection;
import ablate.metrics.detection.coco.CocoEval;
import ablate.metrics.detection.coco.CocoGroundTruth;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PrecisionRecallTest {
    /*
     * One category, one image, two objects; three detections by score: a hit, a miss, a hit.
     * Precision after each: 1, 1/2, 2/3; recall 1/2, 1/2, 1. Envelope: 1, 2/3, 2/3.
     * Recall points 0..0.50 read precision 1 (the first index with recall ≥ r is 0), 0.51..1 read 2/3:
     * AP = (51·1 + 50·2/3)/101.
     */
    @Test
    void handWorkedCurve() {
        CocoGroundTruth truth = new CocoGroundTruth(List.of(1L), List.of(new CocoCategory(1, "a")), List.of(
                new CocoAnnotation(1, 1, 1, 0, 0, 10, 10, 100, false),
                new CocoAnnotation(2, 1, 1, 20, 0, 10, 10, 100, false)));
        List<CocoDetection> dets = List.of(
                new CocoDetection(1, 1, 0, 0, 10, 10, 0.9),
                new CocoDetection(1, 1, 50, 50, 10, 10, 0.8),
                new CocoDetection(1, 1, 21, 0, 10, 10, 0.7));
        PrecisionRecall.Curve c = PrecisionRecall.curves(truth, dets, 0.5).get(0);
        assertThat(c.objects()).isEqualTo(2);
        assertThat(c.precision()[50]).isCloseTo(1, within(1e-12));
        assertThat(c.precision()[51]).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(c.precision()[100]).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(c.ap()).isCloseTo((51 + 50 * 2.0 / 3) / 101, within(1e-12));
        assertThat(c.ap()).isCloseTo(CocoEval.evaluate(truth, dets).ap50(), within(1e-12));
    }

    @Test
    void categoryWithoutObjectsHasNoCurve() {
        CocoGroundTruth truth = new CocoGroundTruth(List.of(1L), List.of(new CocoCategory(1, "a"), new CocoCategory(2, "b")),
                List.of(new CocoAnnotation(1, 1, 1, 0, 0, 10, 10, 100, false)));
        List<PrecisionRecall.Curve> curves = PrecisionRecall.curves(truth, List.of(), 0.5);
        assertThat(curves.get(0).precision()).containsOnly(0.0);
        assertThat(curves.get(1).precision()).isNull();
        assertThat(curves.get(1).ap()).isEqualTo(-1);
    }

    /** Random scenes with duplicates, misses, crowd regions and ties: the mean AP is COCOeval's AP50 (and AP75). */
    @Test
    void meanOfTheCurvesIsTheCocoEvaluatorsAp50AndAp75() {
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            List<Long> images = new ArrayList<>();
            List<CocoAnnotation> objects = new ArrayList<>();
            List<CocoDetection> dets = new ArrayList<>();
            int categories = 1 + random.nextInt(3);
            for (long image = 1; image <= 1 + random.nextInt(6); image++) {
                images.add(image);
                for (int k = 0; k < random.nextInt(6); k++) {
                    double x = random.nextInt(80);
                    double y = random.nextInt(80);
                    double w = 5 + random.nextInt(30);
                    double h = 5 + random.nextInt(30);
                    long category = 1 + random.nextInt(categories);
                    objects.add(new CocoAnnotation(objects.size() + 1, image, category, x, y, w, h, w * h,
                            random.nextInt(8) == 0));
                    for (int d = 0; d < random.nextInt(4); d++) {
                        double score = random.nextInt(5) / 4.0; // ties
                        dets.add(new CocoDetection(image, random.nextInt(5) == 0 ? 1 + random.nextInt(categories) : category,
                                x + random.nextGaussian() * 3, y + random.nextGaussian() * 3, w * (0.8 + 0.4 * random.nextDouble()),
                                h * (0.8 + 0.4 * random.nextDouble()), score));
                    }
                }
                for (int d = 0; d < random.nextInt(3); d++) {
                    dets.add(new CocoDetection(image, 1 + random.nextInt(categories), random.nextInt(90), random.nextInt(90),
                            10, 10, random.nextDouble()));
                }
            }
            List<CocoCategory> cats = new ArrayList<>();
            for (int c = 1; c <= categories; c++) {
                cats.add(new CocoCategory(c, "c" + c));
            }
            CocoGroundTruth truth = new CocoGroundTruth(images, cats, objects);
            var summary = CocoEval.evaluate(truth, dets);
            assertThat(meanAp(PrecisionRecall.curves(truth, dets, 0.5))).as("trial %d AP50", trial)
                    .isCloseTo(summary.ap50(), within(1e-12));
            assertThat(meanAp(PrecisionRecall.curves(truth, dets, CocoEval.IOU_THRESHOLDS[5]))).as("trial %d AP75", trial)
                    .isCloseTo(summary.ap75(), within(1e-12));
        }
    }

    private static double meanAp(List<PrecisionRecall.Curve> curves) {
        double sum = 0;
        int n = 0;
        for (PrecisionRecall.Curve c : curves) {
            if (c.precision() != null) {
                sum += c.ap();
                n++;
            }
        }
        return n == 0 ? -1 : sum / n;
    }
}
