package ablate.metrics.detection.voc;

import ablate.metrics.detection.voc.VocAp.Interpolation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Hand-worked VOC case. Image 1: A [0,0,10,10], B [20,0,30,10] (difficult), C [40,0,50,10]; image 2: D [0,0,10,10];
 * positives = 3. Detections by score: A (TP), A again (FP: taken), B (difficult: nothing), far box in image 2 (FP),
 * D (TP), a box in image 3 without objects (FP), C (TP).
 * tp = 1 1 1 1 2 2 3, fp = 0 1 1 2 2 3 3 → rec = ⅓ ⅓ ⅓ ⅓ ⅔ ⅔ 1, prec = 1 .5 .5 ⅓ .5 .4 .5.
 * 11-point: t = 0, .1, .2, .3 → 1; t = .4 … 1.0 → .5 (7 points) → (4 + 3.5)/11 = 7.5/11.
 * All-point: envelope 1, .5, .5 over the recall steps ⅓, ⅓, ⅓ → ⅓ + ⅙ + ⅙ = ⅔.
 */
class VocApTest {
    static final List<VocObject> OBJECTS = List.of(
            new VocObject(1, 1, 0, 0, 10, 10, false), new VocObject(1, 1, 20, 0, 30, 10, true),
            new VocObject(1, 1, 40, 0, 50, 10, false), new VocObject(2, 1, 0, 0, 10, 10, false));
    static final List<VocDetection> DETECTIONS = List.of(
            new VocDetection(1, 1, 0, 0, 10, 10, 0.9), new VocDetection(1, 1, 0, 0, 10, 10, 0.8),
            new VocDetection(1, 1, 20, 0, 30, 10, 0.7), new VocDetection(2, 1, 100, 100, 110, 110, 0.6),
            new VocDetection(2, 1, 0, 0, 10, 10, 0.5), new VocDetection(3, 1, 0, 0, 5, 5, 0.4),
            new VocDetection(1, 1, 40, 0, 50, 10, 0.3));

    @Test
    void elevenPointAndAllPoint() {
        VocResult voc07 = VocAp.evaluate(OBJECTS, DETECTIONS, List.of(1L), 0.5, Interpolation.ELEVEN_POINT, 0);
        assertThat(voc07.mAP()).isCloseTo(7.5 / 11, within(1e-15));
        assertThat(voc07.perCategory().get(0).positives()).isEqualTo(3);
        VocResult voc12 = VocAp.evaluate(OBJECTS, DETECTIONS, List.of(1L), 0.5, Interpolation.ALL_POINT, 0);
        assertThat(voc12.mAP()).isCloseTo(2.0 / 3, within(1e-15));
    }

    @Test
    void matchNeedsIouStrictlyAboveTheThreshold() {
        // IoU of [0,0,10,5] with [0,0,10,10] is exactly .5: a FP at .5 (voc_eval's ovmax > ovthresh), a TP at .4
        List<VocObject> o = List.of(new VocObject(1, 1, 0, 0, 10, 10, false));
        List<VocDetection> d = List.of(new VocDetection(1, 1, 0, 0, 10, 5, 0.9));
        assertThat(VocAp.evaluate(o, d, List.of(1L), 0.5, Interpolation.ALL_POINT, 0).mAP()).isEqualTo(0.0);
        assertThat(VocAp.evaluate(o, d, List.of(1L), 0.4, Interpolation.ALL_POINT, 0).mAP()).isEqualTo(1.0);
    }

    @Test
    void categoryWithoutPositivesIsUndefinedAndLeftOut() {
        List<VocObject> o = List.of(new VocObject(1, 1, 0, 0, 10, 10, false), new VocObject(1, 2, 0, 0, 10, 10, true));
        List<VocDetection> d = List.of(new VocDetection(1, 1, 0, 0, 10, 10, 0.9), new VocDetection(1, 2, 0, 0, 10, 10, 0.9));
        VocResult r = VocAp.evaluate(o, d, List.of(1L, 2L, 3L), 0.5, Interpolation.ALL_POINT, 0);
        assertThat(r.perCategory()).extracting(VocResult.CategoryAp::ap).containsExactly(1.0, Double.NaN, Double.NaN);
        assertThat(r.mAP()).isEqualTo(1.0);
    }

    @Test
    void elevenPointThresholdsAreNumpyArange() {
        // np.arange(0, 1.1, .1)[3] = 0.30000000000000004 > 0.3 = 3/10: a recall of exactly 3/10 does not reach t = .3
        double[] rec = {0.1, 0.2, 3 / 10.0};
        double[] prec = {1, 1, 1};
        assertThat(VocAp.averagePrecision(rec, prec, Interpolation.ELEVEN_POINT)).isCloseTo(3.0 / 11, within(1e-15));
    }
}
