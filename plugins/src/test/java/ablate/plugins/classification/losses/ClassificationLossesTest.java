package ablate.plugins.classification.losses;

import ablate.harness.spi.Params;
import ablate.plugins.classification.LossPlugin;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every loss on one hand-computed batch, K = 3 classes with training counts (100, 10, 1):
 * image A has logits (ln 4, ln 2, 0), so p = (4/7, 2/7, 1/7), and is class 0; image B has logits (0, 0, 0),
 * p = 1/3 each, and is class 2.
 * <ul>
 *   <li>CE = (ln 7/4 + ln 3) / 2 = 0.8291140</li>
 *   <li>focal γ=2: ((3/7)² ln 7/4 + (2/3)² ln 3) / 2 = 0.2955294; α = 0.5 halves it</li>
 *   <li>label smoothing ε=0.1: A: (0.9 + 0.1/3)·ln 7/4 + (0.1/3)(ln 7/2 + ln 7); B: ln 3; mean 0.8637714</li>
 *   <li>class-balanced β=0.9: w ∝ (0.1/(1 − 0.9¹⁰⁰), 0.1/(1 − 0.9¹⁰), 0.1/0.1), scaled to sum 3:
 *       (0.2393292, 0.3674420, 2.3932288); CE: (w₀ ln 7/4 + w₂ ln 3)/2 = 1.3815815; focal γ=2: 0.5965734</li>
 *   <li>logit adjustment τ=1: e^{z + ln π} ∝ A (400, 20, 1), B (100, 10, 1): (ln 421/400 + ln 111) / 2 =
 *       2.3803492; τ=2: 4.6127011. Balanced softmax (z + ln n) is the same 2.3803492.</li>
 * </ul>
 * (Computed in double precision from these formulas, independently of the implementation.)
 */
class ClassificationLossesTest {
    private static final int[] COUNTS = {100, 10, 1};
    private final NDManager manager = NDManager.newBaseManager();

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray logits() {
        return manager.create(new float[]{(float) Math.log(4), (float) Math.log(2), 0, 0, 0, 0}, new Shape(2, 3));
    }

    private double loss(LossPlugin plugin, Map<String, Object> overrides) {
        NDArray labels = manager.create(new int[]{0, 2});
        return plugin.loss(logits(), labels, COUNTS, Params.resolve(plugin.info(), overrides)).getFloat();
    }

    @Test
    void crossEntropy() {
        assertThat(loss(new CrossEntropy(), Map.of())).isCloseTo(0.8291140, within(1e-6));
    }

    @Test
    void focalDownWeightsEasyImagesAndIsCrossEntropyAtGammaZero() {
        assertThat(loss(new Focal(), Map.of())).isCloseTo(0.2955294, within(1e-6));
        assertThat(loss(new Focal(), Map.of("alpha", 0.5))).isCloseTo(0.2955294 / 2, within(1e-6));
        assertThat(loss(new Focal(), Map.of("gamma", 0.0))).isCloseTo(0.8291140, within(1e-6));
    }

    @Test
    void labelSmoothingAndItsZeroEpsilon() {
        assertThat(loss(new LabelSmoothing(), Map.of())).isCloseTo(0.8637714, within(1e-6));
        assertThat(loss(new LabelSmoothing(), Map.of("epsilon", 0.0))).isCloseTo(0.8291140, within(1e-6));
    }

    @Test
    void classBalancedWeightsByEffectiveNumber() {
        assertThat(ClassBalanced.weights(COUNTS, 0.9)).containsExactly(
                new double[]{0.2393292, 0.3674420, 2.3932288}, within(1e-7));
        assertThat(loss(new ClassBalanced(), Map.of("beta", 0.9))).isCloseTo(1.3815815, within(1e-6));
        assertThat(loss(new ClassBalanced(), Map.of("beta", 0.9, "base", "focal"))).isCloseTo(0.5965734, within(1e-6));
        // β = 0: every weight (1 − 0)/(1 − 0ⁿ) = 1, the unweighted losses
        assertThat(ClassBalanced.weights(COUNTS, 0)).containsExactly(1.0, 1.0, 1.0);
        assertThat(loss(new ClassBalanced(), Map.of("beta", 0.0))).isCloseTo(0.8291140, within(1e-6));
        assertThat(loss(new ClassBalanced(), Map.of("beta", 0.0, "base", "focal"))).isCloseTo(0.2955294, within(1e-6));
    }

    @Test
    void classBalancedRejectsAClassWithoutImagesAndBetaOne() {
        assertThatThrownBy(() -> ClassBalanced.weights(new int[]{5, 0}, 0.999))
                .hasMessageContaining("class 1 has no training image");
        NDArray labels = manager.create(new int[]{0, 1});
        assertThatThrownBy(() -> new BalancedSoftmax().loss(logits(), labels, new int[]{3, 0, 1}, Params.defaults(BalancedSoftmax.INFO)))
                .hasMessage("class 1 has no training image: balanced softmax needs every class's count");
        assertThatThrownBy(() -> ClassBalanced.INFO.param("beta").coerce(1.0))
                .hasMessage("parameter 'beta' must be below 1 (at 1 every weight is 0/0), got 1.0");
        assertThatThrownBy(() -> ClassBalanced.INFO.param("beta").coerce(-0.1))
                .hasMessageContaining("outside [0.0, 1.0]");
    }

    @Test
    void logitAdjustmentAndBalancedSoftmax() {
        assertThat(loss(new LogitAdjusted(), Map.of())).isCloseTo(2.3803492, within(1e-5));
        assertThat(loss(new LogitAdjusted(), Map.of("tau", 2.0))).isCloseTo(4.6127011, within(1e-5));
        assertThat(loss(new LogitAdjusted(), Map.of("tau", 0.0))).isCloseTo(0.8291140, within(1e-6));
        assertThat(loss(new BalancedSoftmax(), Map.of())).isCloseTo(2.3803492, within(1e-5));
    }

    /** Through autograd: d/dz of the weighted mean CE is w_y (p − onehot(y)) / N, with the weights above. */
    @Test
    void classBalancedGradientIsTheWeightedSoftmaxResidual() {
        NDArray z = logits();
        z.setRequiresGradient(true);
        LossPlugin cb = new ClassBalanced();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray l = cb.loss(z, manager.create(new int[]{0, 2}), COUNTS,
                    Params.resolve(cb.info(), Map.of("beta", 0.9)));
            gc.backward(l);
        }
        float[] g = z.getGradient().toFloatArray();
        double[] expected = {-0.0512848, 0.0341899, 0.0170949, 0.3988715, 0.3988715, -0.7977429};
        for (int i = 0; i < g.length; i++) {
            assertThat((double) g[i]).as("d/dz[%d]", i).isCloseTo(expected[i], within(1e-6));
        }
    }
}
