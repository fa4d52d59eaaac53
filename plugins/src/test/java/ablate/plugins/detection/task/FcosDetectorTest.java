package ablate.plugins.detection.task;

import ablate.harness.spi.Params;
import ablate.plugins.common.BlockFixture;
import ablate.plugins.detection.Detections;
import ablate.plugins.detection.losses.CrossEntropyLoss;
import ablate.plugins.detection.losses.FocalLoss;
import ablate.plugins.detection.losses.GiouLoss;
import ablate.plugins.detection.losses.SmoothL1Loss;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FcosDetectorTest {
    private final BlockFixture fixture = new BlockFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    /**
     * Outputs a perfect network would give for these targets: confident classes, exact distances, and centre-ness
     * logits 30 (probability 1) or, with {@code exactCentreness}, the logits of the centre-ness targets.
     */
    private static NDList perfectOutputs(NDManager m, FcosTargets t, int classes, int cells, boolean exactCentreness) {
        float[] logits = new float[classes * cells];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = t.classTargets()[i] > 0 ? 30 : -30;
        }
        float[] distances = new float[4 * cells];
        for (int p = 0; p < t.positiveCount(); p++) {
            int cell = (int) t.positives()[p];
            for (int c = 0; c < 4; c++) {
                distances[c * cells + cell] = (float) Math.log(Math.abs(t.boxTargets()[4 * p + c]));
            }
        }
        float[] centre = new float[cells];
        Arrays.fill(centre, 30);
        for (int p = 0; exactCentreness && p < t.positiveCount(); p++) {
            double c = t.centreness()[p];
            centre[(int) t.positives()[p]] = c >= 1 ? 30 : (float) Math.log(c / (1 - c));
        }
        int side = (int) Math.sqrt(cells);
        return new NDList(m.create(logits, new Shape(1, classes, side, side)),
                m.create(distances, new Shape(1, 4, side, side)), m.create(centre, new Shape(1, 1, side, side)));
    }

    @Test
    void decodingPerfectOutputsGivesBackTheBoxesInTheImagesPixels() {
        FcosDetector detector = new FcosDetector(8, 16, 2, 1.5);
        TruthBox box = new TruthBox(1, 1, 13, 9, 1);
        FcosTargets t = FcosTargets.of(List.of(List.of(box)), 2, 4, 4, 4, 1.5);
        Detections.Builder out = Detections.builder(8);
        // the image is 32×24 pixels: input pixels scale by 2 and 1.5
        detector.decode(perfectOutputs(fixture.manager(), t, 2, 16, false), List.of(new Detector.Frame(7, 32, 24, 2, 1.5)), out);
        Detections d = out.build();
        assertThat(d.size()).isEqualTo(t.positiveCount());
        for (int i = 0; i < d.size(); i++) {
            assertThat(d.image(i)).isEqualTo(7);
            assertThat(d.category(i)).isEqualTo(1);
            assertThat(d.score(i)).isCloseTo(1, within(1e-6));
            assertThat(d.x1(i)).isCloseTo(2, within(1e-4));
            assertThat(d.y1(i)).isCloseTo(1.5, within(1e-4));
            assertThat(d.x2(i)).isCloseTo(26, within(1e-4));
            assertThat(d.y2(i)).isCloseTo(13.5, within(1e-4));
        }
    }

    @Test
    void decodingKeepsOnlyScoresAboveTheFloorAndClipsToTheImage() {
        FcosDetector detector = new FcosDetector(8, 16, 1, 1.5);
        float[] logits = new float[16];
        Arrays.fill(logits, -30);
        logits[0] = 30;
        float[] distances = new float[64];
        Arrays.fill(distances, (float) Math.log(3)); // 12 pixels each way from (2, 2): clipped at 0
        NDManager m = fixture.manager();
        NDList outputs = new NDList(m.create(logits, new Shape(1, 1, 4, 4)), m.create(distances, new Shape(1, 4, 4, 4)),
                m.create(new float[16], new Shape(1, 1, 4, 4)));
        Detections.Builder out = Detections.builder(4);
        detector.decode(outputs, List.of(new Detector.Frame(0, 16, 16, 1, 1)), out);
        Detections d = out.build();
        assertThat(d.size()).isEqualTo(1);
        assertThat(d.score(0)).isCloseTo(Math.sqrt(0.5), within(1e-6)); // centre-ness logit 0 → 0.5
        assertThat(new double[]{d.x1(0), d.y1(0), d.x2(0), d.y2(0)}).containsExactly(0, 0, 14, 14);
    }

    @Test
    void lossIsSmallForPerfectOutputsAndLargerOtherwiseAndFlowsIntoTheNetwork() {
        FcosDetector detector = new FcosDetector(8, 16, 2, 1.5);
        List<List<TruthBox>> truth = List.of(List.of(new TruthBox(1, 1, 13, 9, 1)));
        FcosTargets t = FcosTargets.of(truth, 2, 4, 4, 4, 1.5);
        Detector.Losses losses = new Detector.Losses(new FocalLoss(), Params.defaults(new FocalLoss().info()),
                new GiouLoss(), Params.defaults(new GiouLoss().info()));
        NDManager m = fixture.manager();
        NDList perfect = perfectOutputs(m, t, 2, 16, true);
        // perfect: class and box losses ~0; the centre-ness BCE at its minimum, the binary entropy of each target
        double centreness = 0;
        for (float c : t.centreness()) {
            centreness += c >= 1 ? 0 : -(c * Math.log(c) + (1 - c) * Math.log(1 - c));
        }
        float loss = detector.loss(perfect, truth, losses, m).getFloat();
        assertThat((double) loss).isCloseTo(centreness / t.positiveCount(), within(1e-3));
        NDList zeros = new NDList(m.zeros(new Shape(1, 2, 4, 4)), m.zeros(new Shape(1, 4, 4, 4)), m.zeros(new Shape(1, 1, 4, 4)));
        assertThat(detector.loss(zeros, truth, losses, m).getFloat()).isGreaterThan(loss + 0.5f);

        // gradients reach the network's parameters through the chosen losses
        Detector.Losses other = new Detector.Losses(new CrossEntropyLoss(), Params.defaults(new CrossEntropyLoss().info()),
                new SmoothL1Loss(), Params.defaults(new SmoothL1Loss().info()));
        fixture.init(detector.block(), new Shape(1, 3, 16, 16));
        NDArray x = fixture.input(new Shape(1, 3, 16, 16));
        try (var gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            NDList outputs = detector.block().forward(new ai.djl.training.ParameterStore(m, false), new NDList(x), true);
            assertThat(outputs.get(0).getShape()).isEqualTo(new Shape(1, 2, 4, 4));
            assertThat(outputs.get(1).getShape()).isEqualTo(new Shape(1, 4, 4, 4));
            assertThat(outputs.get(2).getShape()).isEqualTo(new Shape(1, 1, 4, 4));
            gc.backward(detector.loss(outputs, truth, other, m));
        }
        for (var p : detector.block().getParameters()) {
            if (p.getValue().requiresGradient()) {
                assertThat(p.getValue().getArray().getGradient().abs().sum().getFloat()).as(p.getKey()).isPositive();
            }
        }
    }

    @Test
    void classBiasesStartAtThePriorAndMacsAreCounted() {
        FcosDetector detector = new FcosDetector(16, 32, 3, 1.5);
        fixture.init(detector.block(), new Shape(1, 3, 32, 32));
        float[] bias = detector.block().getParameters().stream().filter(p -> p.getKey().contains("classes")
                && p.getKey().endsWith("bias")).findFirst().orElseThrow().getValue().getArray().toFloatArray();
        assertThat(bias).hasSize(3);
        for (float b : bias) {
            assertThat((double) b).isCloseTo(-Math.log(99), within(1e-5));
        }
        // MACs by hand, input 32: 3→8 s2 (16²), 8→16 s2 (8²), three 16→16 (8²), tower 16→16, heads 16→3,4,1 (8²)
        long expected = 9L * 3 * 8 * 256 + 9L * 8 * 16 * 64 + 4 * 9L * 16 * 16 * 64 + 9L * 16 * (3 + 4 + 1) * 64;
        assertThat(ablate.plugins.common.ModelCost.of(detector.block(), new Shape(1, 3, 32, 32)).macsPerSample())
                .isEqualTo(expected);
    }
}
