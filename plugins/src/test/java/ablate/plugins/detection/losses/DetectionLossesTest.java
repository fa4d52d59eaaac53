package ablate.plugins.detection.losses;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.PluginModule;
import ablate.metrics.detection.BoxIoU;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DetectionLossesTest {
    private final NDManager manager = NDManager.newBaseManager();

    @AfterEach
    void close() {
        manager.close();
    }

    private static Params params(Plugin plugin, Map<String, Object> overrides) {
        return Params.resolve(plugin.info(), overrides);
    }

    private float[] classLoss(ClassificationLossPlugin plugin, Map<String, Object> overrides, float[] logits,
                              float[] targets) {
        return plugin.loss(manager.create(logits), manager.create(targets), params(plugin, overrides)).toFloatArray();
    }

    /*
     * Focal loss by hand, p = sigmoid(x), FL = -alpha_t (1 - p_t)^gamma log(p_t):
     *   x = 0, positive:  p_t = 0.5;   FL = 0.25 * 0.5^2 * ln 2 = 0.0433217
     *   x = 2, negative:  p = 0.880797, p_t = 0.119203; FL = 0.75 * 0.880797^2 * ln(1 + e^2) = 0.75 * 0.775803 * 2.126928
     *                     = 1.2375586
     *   x = -3, positive: p = 0.047426; FL = 0.25 * 0.952574^2 * ln(1 + e^3) = 0.25 * 0.907397 * 3.048587 = 0.6915701
     *   x = 1.5, positive: p = 0.817574; FL = 0.25 * 0.182426^2 * ln(1 + e^-1.5) = 0.0016757
     *   x = 50, negative: p = 1 (in any float); FL = 0.75 * 1 * 50 = 37.5, finite (log through softplus)
     * (the same numbers from python: math.log1p(math.exp(-abs(x))) + max(x, 0) for softplus.)
     */
    @Test
    void focalLossMatchesHandComputedValues() {
        float[] loss = classLoss(new FocalLoss(), Map.of(), new float[]{0, 2, -3, 1.5f, 50, -50},
                new float[]{1, 0, 1, 1, 0, 1});
        assertThat(loss[0]).isCloseTo(0.0433217f, within(1e-6f));
        assertThat(loss[1]).isCloseTo(1.2375586f, within(1e-5f));
        assertThat(loss[2]).isCloseTo(0.6915701f, within(1e-5f));
        assertThat(loss[3]).isCloseTo(0.0016757f, within(1e-6f));
        assertThat(loss[4]).isCloseTo(37.5f, within(1e-4f));
        assertThat(loss[5]).isCloseTo(12.5f, within(1e-4f)); // 0.25 * 1 * 50
    }

    /* Cross-entropy: x = 0 → ln 2 = 0.6931472; x = 2 negative → ln(1 + e^2) = 2.1269280; α = 0.75 scales them by
       0.75 (positive) and 0.25 (negative): 0.5198604 and 0.5317320. */
    @Test
    void crossEntropyIsFocalWithGammaZeroAndAlphaWeighsTheTwoSides() {
        float[] plain = classLoss(new CrossEntropyLoss(), Map.of(), new float[]{0, 2, -3}, new float[]{1, 0, 1});
        assertThat(plain[0]).isCloseTo(0.6931472f, within(1e-6f));
        assertThat(plain[1]).isCloseTo(2.1269280f, within(1e-5f));
        assertThat(plain[2]).isCloseTo(3.0485874f, within(1e-5f));
        float[] balanced = classLoss(new CrossEntropyLoss(), Map.of("alpha", 0.75), new float[]{0, 2}, new float[]{1, 0});
        assertThat(balanced[0]).isCloseTo(0.5198604f, within(1e-6f));
        assertThat(balanced[1]).isCloseTo(0.5317320f, within(1e-5f));
        float[] focalGammaZero = classLoss(new FocalLoss(), Map.of("gamma", 0.0, "alpha", 0.75), new float[]{0, 2},
                new float[]{1, 0});
        assertThat(focalGammaZero).containsExactly(balanced);
    }

    @Test
    void focalLossGivesTheLogitsAGradient() {
        NDArray logits = manager.create(new float[]{0, 2, -3});
        logits.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = new FocalLoss().loss(logits, manager.create(new float[]{1, 0, 1}),
                    Params.defaults(new FocalLoss().info())).sum();
            gc.backward(loss);
        }
        float[] grad = logits.getGradient().toFloatArray();
        assertThat(grad[0]).isNegative(); // a positive pushes its logit up
        assertThat(grad[1]).isPositive(); // a negative pushes it down
        assertThat(grad[2]).isNegative();
    }

    static final double[][][] PAIRS = {
            // predicted, target: IoU 1/7, GIoU 1/7 - 2/9, DIoU 1/7 - 2/18, same aspect so CIoU = DIoU
            {{0, 0, 2, 2}, {1, 1, 3, 3}},
            // IoU 4/12, enclosing 16 -> GIoU 1/3 - 4/16; centres 1 apart, diagonal² 32 -> DIoU 1/3 - 1/32; aspects 2 and 1/2
            {{0, 0, 4, 2}, {1, 0, 3, 4}},
            // disjoint: IoU 0, union 4 + 8 = 12, enclosing 6 x 4 = 24 -> GIoU -(24 - 12)/24
            {{0, 0, 2, 2}, {4, 0, 6, 4}},
            // identical: every loss 0
            {{1.5, 2.5, 7, 9}, {1.5, 2.5, 7, 9}},
            // nested, off-centre, different aspect
            {{10, 10, 30, 20}, {12, 11, 26, 27}},
    };

    private double[] boxLoss(BoxLossPlugin plugin, Map<String, Object> overrides) {
        float[] p = new float[PAIRS.length * 4];
        float[] t = new float[PAIRS.length * 4];
        for (int i = 0; i < PAIRS.length; i++) {
            for (int c = 0; c < 4; c++) {
                p[4 * i + c] = (float) PAIRS[i][0][c];
                t[4 * i + c] = (float) PAIRS[i][1][c];
            }
        }
        NDArray loss = plugin.loss(manager.create(p, new Shape(PAIRS.length, 4)), manager.create(t, new Shape(PAIRS.length, 4)),
                params(plugin, overrides));
        assertThat(loss.getShape()).isEqualTo(new Shape(PAIRS.length));
        float[] f = loss.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private void assertOneMinus(BoxLossPlugin plugin, ToDoubleFunction<double[][]> overlap) {
        double[] loss = boxLoss(plugin, Map.of());
        for (int i = 0; i < PAIRS.length; i++) {
            assertThat(loss[i]).as("%s pair %d", plugin.id(), i).isCloseTo(1 - overlap.applyAsDouble(PAIRS[i]), within(2e-6));
        }
    }

    @Test
    void iouFamilyLossesAreOneMinusTheMetricsModuleOverlaps() {
        assertOneMinus(new IouLoss(), b -> BoxIoU.iou(b[0], b[1]));
        assertOneMinus(new GiouLoss(), b -> BoxIoU.giou(b[0], b[1]));
        assertOneMinus(new DiouLoss(), b -> BoxIoU.diou(b[0], b[1]));
        assertOneMinus(new CiouLoss(), b -> BoxIoU.ciou(b[0], b[1]));
    }

    @Test
    void iouFamilyLossesOnHandWorkedBoxes() {
        double[] iou = boxLoss(new IouLoss(), Map.of());
        double[] giou = boxLoss(new GiouLoss(), Map.of());
        double[] diou = boxLoss(new DiouLoss(), Map.of());
        double[] ciou = boxLoss(new CiouLoss(), Map.of());
        assertThat(iou[0]).isCloseTo(1 - 1.0 / 7, within(1e-6));
        assertThat(giou[0]).isCloseTo(1 - (1.0 / 7 - 2.0 / 9), within(1e-6));
        assertThat(diou[0]).isCloseTo(1 - (1.0 / 7 - 2.0 / 18), within(1e-6));
        assertThat(ciou[0]).isCloseTo(diou[0], within(1e-7));
        assertThat(giou[1]).isCloseTo(1 - (1.0 / 3 - 4.0 / 16), within(1e-6));
        assertThat(diou[1]).isCloseTo(1 - (1.0 / 3 - 1.0 / 32), within(1e-6));
        // v = 4/π²·(atan(2/4) − atan(4/2))² = 0.1678258, α = v / (1 − 1/3 + v) = 0.2011113 (python math)
        double v = 4 / (Math.PI * Math.PI) * Math.pow(Math.atan(0.5) - Math.atan(2), 2);
        assertThat(v).isCloseTo(0.1678258, within(1e-7));
        assertThat(ciou[1]).isCloseTo(diou[1] + v * v / (2.0 / 3 + v), within(1e-6));
        assertThat(iou[2]).isCloseTo(1, within(1e-7));
        assertThat(giou[2]).isCloseTo(1 + 12.0 / 24, within(1e-6));
        for (double[] loss : List.of(iou, giou, diou, ciou)) {
            assertThat(loss[3]).isCloseTo(0, within(1e-6));
        }
    }

    /*
     * Smooth L1 (β = 1) per coordinate: d < 1 → 0.5 d², else d − 0.5. Pair 0: |d| = 1 each → 4 × 0.5 = 2.
     * Pair 1: d = (1, 0, 1, 2) → 0.5 + 0 + 0.5 + 1.5 = 2.5. Pair 4 with β = 4: d = (2, 1, 4, 7) → 0.5 + 0.125 + 2 + 5 = 7.625.
     */
    @Test
    void smoothL1MatchesHandComputedValues() {
        double[] loss = boxLoss(new SmoothL1Loss(), Map.of());
        assertThat(loss[0]).isCloseTo(2, within(1e-6));
        assertThat(loss[1]).isCloseTo(2.5, within(1e-6));
        assertThat(loss[3]).isZero();
        double[] wide = boxLoss(new SmoothL1Loss(), Map.of("beta", 4.0));
        assertThat(wide[4]).isCloseTo(7.625, within(1e-5));
    }

    /** Analytic gradients of each loss against central differences of the double formulas. */
    @Test
    void boxLossGradientsMatchFiniteDifferences() {
        double[] p = {10, 10, 30, 20};
        double[] t = {12, 11, 26, 27};
        double[] pp = {0, 0, 4, 2};
        double[] tt = {1, 0, 3, 4};
        // CIoU's α is a constant in the gradient (computed without gradient), so differentiate with α frozen
        double alpha = ciouAlpha(p, t);
        checkGradient(new IouLoss(), p, t, b -> 1 - BoxIoU.iou(b, t));
        checkGradient(new GiouLoss(), p, t, b -> 1 - BoxIoU.giou(b, t));
        checkGradient(new DiouLoss(), p, t, b -> 1 - BoxIoU.diou(b, t));
        checkGradient(new CiouLoss(), p, t, b -> 1 - BoxIoU.diou(b, t) + alpha * aspect(b, t));
        checkGradient(new GiouLoss(), pp, tt, b -> 1 - BoxIoU.giou(b, tt));
        checkGradient(new SmoothL1Loss(), pp, tt, b -> {
            double s = 0;
            for (int c = 0; c < 4; c++) {
                double d = Math.abs(b[c] - tt[c]);
                s += d < 1 ? 0.5 * d * d : d - 0.5;
            }
            return s;
        });
    }

    private static double aspect(double[] p, double[] t) {
        double a = Math.atan((t[2] - t[0]) / (t[3] - t[1])) - Math.atan((p[2] - p[0]) / (p[3] - p[1]));
        return 4 / (Math.PI * Math.PI) * a * a;
    }

    private static double ciouAlpha(double[] p, double[] t) {
        double v = aspect(p, t);
        return v / (1 - BoxIoU.iou(p, t) + v);
    }

    private void checkGradient(BoxLossPlugin plugin, double[] p, double[] t, ToDoubleFunction<double[]> reference) {
        NDArray predicted = manager.create(new float[]{(float) p[0], (float) p[1], (float) p[2], (float) p[3]}, new Shape(1, 4));
        predicted.setRequiresGradient(true);
        NDArray target = manager.create(new float[]{(float) t[0], (float) t[1], (float) t[2], (float) t[3]}, new Shape(1, 4));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(plugin.loss(predicted, target, Params.defaults(plugin.info())).sum());
        }
        float[] grad = predicted.getGradient().toFloatArray();
        for (int c = 0; c < 4; c++) {
            double h = 1e-5;
            double[] up = p.clone();
            double[] down = p.clone();
            up[c] += h;
            down[c] -= h;
            double numeric = (reference.applyAsDouble(up) - reference.applyAsDouble(down)) / (2 * h);
            assertThat((double) grad[c]).as("%s d/dp[%d]", plugin.id(), c).isCloseTo(numeric, within(1e-4));
        }
    }

    @Test
    void moduleRegistersTheSevenLossesWithSlotsCitationsAndClaims() {
        assertThat(ServiceLoader.load(PluginModule.class).stream().map(p -> p.type().getName()).toList())
                .contains(DetectionLossesModule.class.getName());
        Set<Plugin> plugins = Guice.createInjector(new DetectionLossesModule())
                .getInstance(Key.get(new TypeLiteral<Set<Plugin>>() {
                }));
        assertThat(plugins).extracting(Plugin::id).containsExactlyInAnyOrder("cls-loss.ce", "cls-loss.focal",
                "box-loss.smooth-l1", "box-loss.iou", "box-loss.giou", "box-loss.diou", "box-loss.ciou");
        for (Plugin p : plugins) {
            assertThat(p.info().citation()).isNotBlank();
            assertThat(p.info().slot()).isIn(ClassificationLossPlugin.SLOT, BoxLossPlugin.SLOT);
        }
        Params focal = Params.defaults(new FocalLoss().info());
        assertThat(focal.getDouble("gamma")).isEqualTo(2.0);
        assertThat(focal.getDouble("alpha")).isEqualTo(0.25);
        assertThat(new FocalLoss().info().claim().metric()).isEqualTo("mAP");
        assertThat(new CiouLoss().info().claim().metric()).isEqualTo("AP75");
    }
}
