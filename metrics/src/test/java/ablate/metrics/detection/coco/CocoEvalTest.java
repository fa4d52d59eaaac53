package ablate.metrics.detection.coco;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Hand-worked COCO cases, one rule each; the derivation is beside each case. (The bit-for-bit comparison with
 * pycocotools 2.0.11 itself is in the harness: MetricCommandTest.cocoIsBitIdenticalToPycocotools.)
 * Notation: per IoU threshold t, the detections of a category in evaluation order give tp/fp cumulative sums,
 * rc = tp/npig and pr = tp/(tp+fp+eps) with eps = 2^-52 (np.spacing(1)); pr is made non-increasing from the back;
 * precision at recall point r·0.01 is pr at the first index with rc ≥ the point, 0 past the end.
 * X = 1/(1+eps) = 0.9999999999999998 is the precision of a single TP: pycocotools' "1.000" is not exactly 1.
 */
class CocoEvalTest {
    static final double EPS = Math.ulp(1.0);
    static final double X = 1 / (1 + EPS);
    static final double TOL = 1e-15;

    /** GT box with area = w·h. */
    static CocoAnnotation gt(long id, long image, long category, double x, double y, double w, double h) {
        return new CocoAnnotation(id, image, category, x, y, w, h, w * h, false);
    }

    static CocoDetection dt(long image, long category, double x, double y, double w, double h, double score) {
        return new CocoDetection(image, category, x, y, w, h, score);
    }

    static CocoGroundTruth truth(List<Long> images, int categories, List<CocoAnnotation> annotations) {
        List<CocoCategory> cats = new ArrayList<>();
        for (int c = 1; c <= categories; c++) {
            cats.add(new CocoCategory(c, "c" + c));
        }
        return new CocoGroundTruth(images, cats, annotations);
    }

    static void assertStats(CocoSummary s, double... expected) {
        double[] actual = s.stats();
        for (int i = 0; i < 12; i++) {
            assertThat(actual[i]).as(CocoSummary.KEYS.get(i)).isCloseTo(expected[i], within(TOL));
        }
    }

    @Test
    void linspaceThresholdsAreNumpysBitForBit() {
        // np.linspace(.5, .95, 10).tolist() and np.linspace(0, 1, 101)[70]
        assertThat(CocoEval.IOU_THRESHOLDS).containsExactly(0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95);
        assertThat(CocoEval.RECALL_THRESHOLDS[70]).isEqualTo(0.7000000000000001);
        assertThat(CocoEval.RECALL_THRESHOLDS[35]).isEqualTo(0.35000000000000003);
    }

    /**
     * 10 separate 10×10 objects (area 100: small), 9 exact detections in score order TP×7, FP, TP.
     * rc = .1 .2 .3 .4 .5 .6 .7 .7 .8; pr after the envelope = 1 (×7), 8/9, 8/9.
     * Recall point 70 is 70·0.01 = 0.7000000000000001 > 0.7 = rc[6], so it reads pr[8] = 8/9: points 0..69 → 1,
     * 70..80 → 8/9, 81..100 → 0 at every threshold. (With i/100 points it would be 71 ones and 10 × 8/9.)
     * AR100 = AR10 = 0.8, AR1 = 0.1 (one TP). Medium and large have no object: -1.
     */
    @Test
    void recallPointsAreLinspaceNotDivision() {
        List<CocoAnnotation> g = new ArrayList<>();
        List<CocoDetection> d = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            g.add(gt(i + 1, 1, 1, 20 * i, 0, 10, 10));
        }
        for (int i = 0; i < 7; i++) {
            d.add(dt(1, 1, 20 * i, 0, 10, 10, 0.99 - 0.01 * i));
        }
        d.add(dt(1, 1, 500, 500, 10, 10, 0.92));
        d.add(dt(1, 1, 20 * 7, 0, 10, 10, 0.91));
        CocoSummary s = CocoEval.evaluate(truth(List.of(1L), 1, g), d);
        double ap = (70 + 11 * 8.0 / 9) / 101;
        assertStats(s, ap, ap, ap, ap, -1, -1, 0.1, 0.8, 0.8, 0.8, -1, -1);
    }

    /**
     * One object [0,0,10,10] and a crowd region [50,50,40,40]. Detections by score: two boxes inside the crowd region
     * (crowd IoU = intersection / detection area = 1, so both match it — a crowd region matches any number — and are
     * ignored), the exact box (TP), a far box (FP). Sequence ign, ign, TP, FP: rc = 0 0 1 1, pr = 0 0 X 0.5 → envelope
     * X everywhere → AP = X. (Counted as FPs the two would give AP 1/3.) AR1 = 0: the top detection is ignored.
     */
    @Test
    void crowdRegionsAbsorbDetections() {
        List<CocoAnnotation> g = List.of(gt(1, 1, 1, 0, 0, 10, 10),
                new CocoAnnotation(2, 1, 1, 50, 50, 40, 40, 1600, true));
        List<CocoDetection> d = List.of(dt(1, 1, 55, 55, 10, 10, 0.9), dt(1, 1, 60, 60, 10, 10, 0.8),
                dt(1, 1, 0, 0, 10, 10, 0.7), dt(1, 1, 200, 200, 10, 10, 0.6));
        CocoSummary s = CocoEval.evaluate(truth(List.of(1L), 1, g), d);
        assertStats(s, X, X, X, X, -1, -1, 0, 1, 1, 1, -1, -1);
    }

    /**
     * Objects g1 [0,0,32,32] (area 1024: both small and medium, bounds are inclusive) and g2 [100,100,100,100]
     * (area 10000: large). Detections by score: d2 far box 50×50 (area 2500, FP), d1 = g1, d3 = g2.
     * all: FP, TP, TP → rc 0 .5 1, pr 0 .5 2/3 → envelope 2/3 → AP = 2/3.
     * small: g2 ignored; d2 unmatched with area 2500 > 1024 → ignored; d3 matches the ignored g2 → ignored:
     * ign, TP, ign → AP = X. medium: d2's area is inside → FP, TP, ign → pr .5 → AP = .5.
     * large: g1 ignored; d2 ignored (area); d1 matches ignored g1 → ign, ign, TP → AP = X.
     * Recall is 1 everywhere; AR1 = 0 (the top detection is the FP).
     */
    @Test
    void areaRangesUseInclusiveBoundsAndIgnoreOutOfRangeDetections() {
        List<CocoAnnotation> g = List.of(gt(1, 1, 1, 0, 0, 32, 32), gt(2, 1, 1, 100, 100, 100, 100));
        List<CocoDetection> d = List.of(dt(1, 1, 300, 300, 50, 50, 0.95), dt(1, 1, 0, 0, 32, 32, 0.9),
                dt(1, 1, 100, 100, 100, 100, 0.7));
        CocoSummary s = CocoEval.evaluate(truth(List.of(1L), 1, g), d);
        assertStats(s, 2.0 / 3, 2.0 / 3, 2.0 / 3, X, 0.5, X, 0, 1, 1, 1, 1, 1);
    }

    /**
     * g1 [0,0,10,10] with area 100 (small) and g2 box [0,0,10,12] whose annotation area is 20000 (large: the area field,
     * not the box, decides). One detection [0,0,10,11]: IoU 100/110 = .909 with g1 and 110/120 = .917 with g2.
     * all: both count, the detection takes the better g2 (IoU ≥ .909 at t ≤ 0.8999999999999999, not at .95):
     * rc .5 → points 0..50 read X → AP = 9·51·X/1010; AR = 9·.5/10 = .45.
     * small: g2 is ignored and sorted last; once the detection matched the counted g1 it stops before ignored g2,
     * so it is a TP although g2 overlaps more: AP = AR = 9/10 (·X for AP). large: mirror image with g2.
     * medium: no counted object → -1.
     */
    @Test
    void matchPrefersCountedObjectsOverIgnoredOnes() {
        List<CocoAnnotation> g = List.of(gt(1, 1, 1, 0, 0, 10, 10),
                new CocoAnnotation(2, 1, 1, 0, 0, 10, 12, 20000, false));
        List<CocoDetection> d = List.of(dt(1, 1, 0, 0, 10, 11, 0.9));
        CocoSummary s = CocoEval.evaluate(truth(List.of(1L), 1, g), d);
        double all = 9 * 51 * X / 1010;
        assertStats(s, all, 51 * X / 101, 51 * X / 101, 0.9 * X, -1, 0.9 * X, 0.45, 0.45, 0.45, 0.9, -1, 0.9);
    }

    /**
     * Images listed out of order (30, 10, 20). Category 1: one object in image 10, exact detection → AP = X at every t.
     * Category 2: object [0,0,20,20] in image 20, detection [0,0,20,10] has IoU exactly .5 → TP at t = .5 only (match
     * needs IoU ≥ t): AP = X/10, AP50 = X, AP75 = 0, AR100 = .1. Category 3 has no object (a detection in image 30):
     * -1 and left out of the means. Category 4 has only a crowd region: -1.
     * AP = mean over 2 × 1010 values = 1111·X/2020; AR100 = (10 + 1)/20 = .55; all objects are small.
     */
    @Test
    void undefinedCategoriesAreLeftOutOfTheMeans() {
        List<CocoAnnotation> g = List.of(gt(1, 10, 1, 0, 0, 10, 10), gt(2, 20, 2, 0, 0, 20, 20),
                new CocoAnnotation(3, 30, 4, 0, 0, 50, 50, 2500, true));
        List<CocoDetection> d = List.of(dt(10, 1, 0, 0, 10, 10, 0.9), dt(20, 2, 0, 0, 20, 10, 0.8),
                dt(30, 3, 5, 5, 5, 5, 0.5), dt(30, 4, 0, 0, 50, 50, 0.4));
        CocoSummary s = CocoEval.evaluate(truth(List.of(30L, 10L, 20L), 4, g), d);
        double ap = 1111 * X / 2020;
        assertStats(s, ap, X, X / 2, ap, -1, -1, 0.55, 0.55, 0.55, 0.55, -1, -1);
        // np.mean of [X]*101 + [0.]*909 (category 2's precisions in t, r order) is 0.09999999999999999, bit for bit
        assertThat(s.perCategory()).extracting(CocoSummary.CategoryAp::ap)
                .containsExactly(X, 0.09999999999999999, -1.0, -1.0);
    }

    /**
     * One object; a FP and the TP with the same score .5. Ties keep file order (stable sort): FP first → rc 0 1,
     * pr 0 .5 → AP = .5; TP listed first → AP = X. Across images the concatenation runs in ascending image id,
     * so a FP in image 1 precedes a tied TP in image 2.
     */
    @Test
    void scoreTiesKeepFileOrderAndImageIdOrder() {
        CocoGroundTruth g = truth(List.of(1L), 1, List.of(gt(1, 1, 1, 0, 0, 10, 10)));
        CocoDetection fp = dt(1, 1, 50, 50, 10, 10, 0.5);
        CocoDetection tp = dt(1, 1, 0, 0, 10, 10, 0.5);
        assertThat(CocoEval.evaluate(g, List.of(fp, tp)).ap()).isCloseTo(0.5, within(TOL));
        assertThat(CocoEval.evaluate(g, List.of(tp, fp)).ap()).isCloseTo(X, within(TOL));

        CocoGroundTruth twoImages = truth(List.of(2L, 1L), 1, List.of(gt(1, 2, 1, 0, 0, 10, 10)));
        assertThat(CocoEval.evaluate(twoImages, List.of(dt(2, 1, 0, 0, 10, 10, 0.5), dt(1, 1, 0, 0, 10, 10, 0.5))).ap())
                .isCloseTo(0.5, within(TOL));
    }

    /**
     * maxDets applies per (image, category). Category 1: 100 FPs scored above its only TP (101 detections) → the TP
     * is cut: every precision 0, recall 0. Category 2, same image: 99 FPs above the TP (100 detections) → kept:
     * pr ends at 1/(100+eps) = .01 → AP .01, AR100 1, AR10 = AR1 = 0. AP = (0 + .01)/2, AR100 = .5.
     */
    @Test
    void maxDetsCutsPerImageAndCategory() {
        List<CocoAnnotation> g = List.of(gt(1, 1, 1, 0, 0, 10, 10), gt(2, 1, 2, 0, 0, 10, 10));
        List<CocoDetection> d = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            d.add(dt(1, 1, 100 + i, 100, 5, 5, 0.9 - i * 0.001));
            if (i < 99) {
                d.add(dt(1, 2, 100 + i, 100, 5, 5, 0.9 - i * 0.001));
            }
        }
        d.add(dt(1, 1, 0, 0, 10, 10, 0.1));
        d.add(dt(1, 2, 0, 0, 10, 10, 0.1));
        CocoSummary s = CocoEval.evaluate(truth(List.of(1L), 2, g), d);
        assertStats(s, 0.005, 0.005, 0.005, 0.005, -1, -1, 0, 0, 0.5, 0.5, -1, -1);
    }

    @Test
    void emptyResultsScoreZeroWhereTruthExists() {
        CocoGroundTruth g = truth(List.of(1L, 2L), 2, List.of(gt(1, 1, 1, 0, 0, 10, 10)));
        assertStats(CocoEval.evaluate(g, List.of()), 0, 0, 0, 0, -1, -1, 0, 0, 0, 0, -1, -1);
    }

    @Test
    void noTruthAtAllIsUndefinedEverywhere() {
        CocoSummary s = CocoEval.evaluate(truth(List.of(1L), 1, List.of()), List.of(dt(1, 1, 0, 0, 1, 1, 1)));
        assertStats(s, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
    }

    @Test
    void unknownIdsAreErrors() {
        CocoGroundTruth g = truth(List.of(1L), 1, List.of(gt(1, 1, 1, 0, 0, 10, 10)));
        assertThatThrownBy(() -> CocoEval.evaluate(g, List.of(dt(7, 1, 0, 0, 1, 1, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("detection 0: image_id 7 is not in the ground truth");
        assertThatThrownBy(() -> CocoEval.evaluate(g, List.of(dt(1, 1, 0, 0, 1, 1, 1), dt(1, 9, 0, 0, 1, 1, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("detection 1: category_id 9 is not in the ground truth");
    }
}
