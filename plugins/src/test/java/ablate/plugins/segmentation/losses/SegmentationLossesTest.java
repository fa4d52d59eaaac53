package ablate.plugins.segmentation.losses;

import ablate.harness.spi.Params;
import ablate.plugins.segmentation.SegmentationLossPlugin;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every loss on one hand-computed case: one image of 1×2 pixels, K = 2. Pixel 0 has logits (0, 0), so
 * p = (0.5, 0.5), and is class 1; pixel 1 has logits (ln 3, 0), so p = (0.75, 0.25), and is class 0.
 * Soft counts (s = 1): class 0 TP 0.75, FP 0.5, FN 0.25; class 1 TP 0.5, FP 0.25, FN 0.5.
 * <ul>
 *   <li>CE = (ln 2 + ln(4/3)) / 2 = 0.4904146</li>
 *   <li>Dice_0 = 2.5/3.25, Dice_1 = 2/2.75: loss 1 − mean = 0.2517483</li>
 *   <li>TI_0 = 1.75/(0.75 + 0.3·0.5 + 0.7·0.25 + 1) = 0.8433735, TI_1 = 1.5/(0.5 + 0.3·0.25 + 0.7·0.5 + 1) = 0.7792208:
 *       Tversky 0.1887029; with α and β swapped 0.1867422</li>
 *   <li>Focal Tversky, γ = 4/3: mean((1 − TI_c)^0.75) = 0.2855274 (the mistaken mean(1 − TI)^0.75 is 0.2863083)</li>
 *   <li>CE + 3·Dice = 1.2456594</li>
 * </ul>
 * (numpy computed the same numbers.)
 */
class SegmentationLossesTest {
    private final NDManager manager = NDManager.newBaseManager();

    @AfterEach
    void close() {
        manager.close();
    }

    private double loss(SegmentationLossPlugin plugin, Map<String, Object> overrides, int secondLabel) {
        NDArray logits = manager.create(new float[]{0, (float) Math.log(3), 0, 0}, new Shape(1, 2, 1, 2));
        NDArray labels = manager.create(new int[]{1, secondLabel}, new Shape(1, 1, 2));
        return plugin.loss(logits, labels, 255, Params.resolve(plugin.info(), overrides)).getFloat();
    }

    @Test
    void crossEntropyIsTheMeanOverCountedPixels() {
        assertThat(loss(new CrossEntropySegLoss(), Map.of(), 0)).isCloseTo(0.4904146, within(1e-6));
        assertThat(loss(new CrossEntropySegLoss(), Map.of(), 255)).isCloseTo(Math.log(2), within(1e-6));
    }

    @Test
    void diceLoss() {
        assertThat(loss(new DiceLoss(), Map.of(), 0)).isCloseTo(0.2517483, within(1e-6));
        // pixel 1 ignored: class 0 TP 0, FP 0.5, FN 0 -> 1/1.5; class 1 TP 0.5, FP 0, FN 0.5 -> 2/2.5
        assertThat(loss(new DiceLoss(), Map.of(), 255)).isCloseTo(1 - (1 / 1.5 + 2 / 2.5) / 2, within(1e-6));
    }

    @Test
    void tverskyWeighsFalsePositivesByAlpha() {
        assertThat(loss(new TverskyLoss(), Map.of(), 0)).isCloseTo(0.1887029, within(1e-6));
        assertThat(loss(new TverskyLoss(), Map.of("alpha", 0.7, "beta", 0.3), 0)).isCloseTo(0.1867422, within(1e-6));
        // α = β = 0.5 without smoothing is the Dice loss: 1 − (1.5/2.25 + 1/1.75)/2
        double dice = 1 - (1.5 / 2.25 + 1 / 1.75) / 2;
        assertThat(loss(new TverskyLoss(), Map.of("alpha", 0.5, "beta", 0.5, "smooth", 0.0), 0)).isCloseTo(dice, within(1e-6));
        assertThat(loss(new DiceLoss(), Map.of("smooth", 0.0), 0)).isCloseTo(dice, within(1e-6));
    }

    @Test
    void focalTverskyRaisesEachClassTermBeforeTheMean() {
        assertThat(loss(new FocalTverskyLoss(), Map.of(), 0)).isCloseTo(0.2855274, within(1e-6));
        // γ = 1 is the Tversky loss
        assertThat(loss(new FocalTverskyLoss(), Map.of("gamma", 1.0), 0)).isCloseTo(0.1887029, within(1e-6));
    }

    @Test
    void ceDiceIsTheWeightedSum() {
        assertThat(loss(new CeDiceLoss(), Map.of(), 0)).isCloseTo(1.2456594, within(1e-5));
        assertThat(loss(new CeDiceLoss(), Map.of("ce-weight", 0.0, "dice-weight", 1.0), 0)).isCloseTo(0.2517483, within(1e-6));
    }

    /*
     * Lovász-softmax on the same case. Class 0: errors |g − p| = (0.5, 0.25), already decreasing, sorted truth (0, 1),
     * G = 1: J = 1 − (1 − (0, 1)) / (1 + (1, 1)) = (0.5, 1), gradient (0.5, 0.5), loss 0.5·0.5 + 0.25·0.5 = 0.375.
     * Class 1: errors (0.5, 0.25), truth (1, 0): J = 1 − (0, 0) / (1, 2) = (1, 1), gradient (1, 0), loss 0.5.
     * Mean 0.4375 (the authors' algorithm in numpy gives the same). With pixel 1 ignored only class 1 is present:
     * errors (0.5), truth (1), J = (1), loss 0.5.
     */
    @Test
    void lovaszSoftmax() {
        assertThat(loss(new LovaszSoftmaxLoss(), Map.of(), 0)).isCloseTo(0.4375, within(1e-6));
        assertThat(loss(new LovaszSoftmaxLoss(), Map.of(), 255)).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void gradientsAreFiniteWhenAClassIsPerfect() {
        // class 1 absent and never predicted (p underflows to 0): 1 − TI_1 = 0, where x^0.75 has no finite slope
        NDArray logits = manager.create(new float[]{200, 200, -200, -200}, new Shape(1, 2, 1, 2));
        NDArray labels = manager.create(new int[]{0, 0}, new Shape(1, 1, 2));
        logits.setRequiresGradient(true);
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            for (SegmentationLossPlugin plugin : List.of(new FocalTverskyLoss(), new LovaszSoftmaxLoss())) {
                NDArray loss = plugin.loss(logits, labels, 255, Params.defaults(plugin.info()));
                JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), false, false);
                for (float g : logits.getGradient().toFloatArray()) {
                    assertThat(Float.isFinite(g)).as(plugin.info().id()).isTrue();
                }
            }
        } finally {
            JniUtils.setGradMode(previous);
        }
    }
}
