package ablate.plugins.superres;

import ablate.harness.spi.Params;
import ablate.plugins.common.ModelCost;
import ablate.plugins.superres.models.Edsr;
import ablate.plugins.superres.models.Espcn;
import ablate.plugins.superres.models.Fsrcnn;
import ablate.plugins.superres.models.Srcnn;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Shapes, parameter counts (worked out from each paper's layer list) and the sub-pixel shuffle by hand. */
class SrModelsTest {
    private static ModelCost cost(SrModelPlugin plugin, int scale, Shape input, long... outShape) {
        return cost(plugin, Map.of(), scale, input, outShape);
    }

    private static ModelCost cost(SrModelPlugin plugin, Map<String, Object> params, int scale, Shape input,
                                  long... outShape) {
        Block block = plugin.create(scale, Params.resolve(plugin.info(), params));
        try (NDManager m = NDManager.newBaseManager()) {
            block.setInitializer(new XavierInitializer(), ai.djl.nn.Parameter.Type.WEIGHT);
            block.initialize(m, DataType.FLOAT32, input);
            NDArray out = block.forward(new ParameterStore(m, false), new NDList(m.ones(input)), false).singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(outShape));
            return ModelCost.of(block, input);
        }
    }

    @Test
    void srcnnIsNineOneFive() {
        // 9·9·1·64 + 64 + 1·1·64·32 + 32 + 5·5·32·1 + 1 = 8129 parameters; MACs per output pixel 5184 + 2048 + 800
        ModelCost c = cost(new Srcnn(), 3, new Shape(1, 1, 12, 15), 1, 1, 12, 15);
        assertThat(c.totalParams()).isEqualTo(8129);
        assertThat(c.macsPerSample()).isEqualTo(12L * 15 * 8032);
    }

    @Test
    void espcnShufflesToScaleTimesTheInput() {
        // 5·5·64 + 64 + 3·3·64·32 + 32 + 3·3·32·9 + 9 = 22,729 at ×3
        ModelCost c = cost(new Espcn(), 3, new Shape(1, 1, 6, 5), 1, 1, 18, 15);
        assertThat(c.totalParams()).isEqualTo(22729);
        assertThat(c.macsPerSample()).isEqualTo(6L * 5 * (1600 + 18432 + 2592));
    }

    @Test
    void fsrcnnDeconvolutionGivesExactlyScaleTimesTheInput() {
        // 5·5·56+56, 56·12+12, 4×(3·3·12·12+12), 12·56+56, 9·9·56·1+1 = 12,637, plus a PReLU slope per channel
        // (56 + 12 + 4·12 + 56 = 172)
        ModelCost c = cost(new Fsrcnn(), 3, new Shape(1, 1, 7, 9), 1, 1, 21, 27);
        assertThat(c.totalParams()).isEqualTo(12637 + 172);
        long lr = 7 * 9;
        // the deconvolution as it is computed: 9 phases of a 5×5 convolution over 56 channels at low resolution
        assertThat(c.macsPerSample()).isEqualTo(lr * (1400 + 672 + 4 * 1296 + 672) + lr * 9 * 25 * 56);
        cost(new Fsrcnn(), 2, new Shape(1, 1, 7, 9), 1, 1, 14, 18);
        cost(new Fsrcnn(), 4, new Shape(1, 1, 7, 9), 1, 1, 28, 36);
    }

    @Test
    void pixelShuffleMovesChannelIJToOffsetIJ() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 4 channels of one 1×2 image at r = 2: channel c = 2i + j holds 10c + x
            float[] v = {0, 1, 10, 11, 20, 21, 30, 31};
            NDArray out = Espcn.pixelShuffle(m.create(v, new Shape(1, 4, 1, 2)), 2);
            assertThat(out.getShape()).isEqualTo(new Shape(1, 1, 2, 4));
            // row 0: (x=0: c0, c1), (x=1: c0, c1); row 1: c2, c3
            assertThat(out.toFloatArray()).containsExactly(0, 10, 1, 11, 20, 30, 21, 31);
        }
    }

    @Test
    void edsrShufflesToScaleTimesTheInput() {
        // head 3·3·32+32 = 320, 4 blocks × 2 × (3·3·32·32+32) = 73,984, body end 9,248, tail 3·3·32·9+9 = 2,601
        ModelCost c = cost(new Edsr(), 3, new Shape(1, 1, 6, 5), 1, 1, 18, 15);
        assertThat(c.totalParams()).isEqualTo(320 + 73984 + 9248 + 2601);
        assertThat(c.macsPerSample()).isEqualTo(6L * 5 * (288 + 8 * 9216 + 9216 + 2592));
        cost(new Edsr(), 2, new Shape(2, 1, 7, 9), 2, 1, 14, 18);
        cost(new Edsr(), 4, new Shape(2, 1, 7, 9), 2, 1, 28, 36);
        cost(new Edsr(), Map.<String, Object>of("blocks", 0, "features", 8), 3, new Shape(1, 1, 4, 4), 1, 1, 12, 12);
    }

    @Test
    void edsrMarginCountsEveryThreeByThreeConvolution() {
        Edsr edsr = new Edsr();
        Params defaults = Params.resolve(edsr.info(), Map.of());
        // head + 2 × 4 blocks + body end + tail = 11 LR pixels of radius, at every scale (the shuffle adds none)
        for (int s = 2; s <= 4; s++) {
            assertThat(edsr.margin(s, defaults)).isEqualTo(11);
            assertThat(edsr.receptiveField(s, defaults)).isEqualTo(23);
        }
        assertThat(edsr.margin(3, Params.resolve(edsr.info(), Map.<String, Object>of("blocks", 0)))).isEqualTo(3);
    }

    @Test
    void edsrOutputDependsOnExactlyTheMarginAroundEachPixel() {
        // one LR pixel changed: the HR pixels that move are exactly the s·(2·margin + 1) square around it
        Edsr edsr = new Edsr();
        Params p = Params.resolve(edsr.info(), Map.<String, Object>of("blocks", 2, "features", 8));
        int margin = edsr.margin(2, p);
        int side = 2 * margin + 9;
        int centre = side / 2;
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = initialized(edsr, 2, p, m, new Shape(1, 1, side, side));
            NDArray x = m.randomUniform(0f, 1f, new Shape(1, 1, side, side));
            NDArray y = x.duplicate();
            y.set(new ai.djl.ndarray.index.NDIndex("0, 0, {}, {}", centre, centre), 2f);
            NDArray changed = forward(block, m, x).sub(forward(block, m, y)).abs().gt(1e-6f).toType(DataType.FLOAT32, false);
            float[] rows = changed.sum(new int[] {0, 1, 3}).gt(0f).toType(DataType.FLOAT32, false).toFloatArray();
            float[] cols = changed.sum(new int[] {0, 1, 2}).gt(0f).toType(DataType.FLOAT32, false).toFloatArray();
            for (int hr = 0; hr < 2 * side; hr++) {
                boolean inside = hr / 2 >= centre - margin && hr / 2 <= centre + margin;
                assertThat(rows[hr]).as("row %d", hr).isEqualTo(inside ? 1f : 0f);
                assertThat(cols[hr]).as("column %d", hr).isEqualTo(inside ? 1f : 0f);
            }
        }
    }

    @Test
    void edsrIsHeadResidualBlocksScaledGlobalSkipAndTail() {
        // the block against the architecture written out with functional convolutions, res-scale 0.3 (not the
        // default 0.1, so a plugin that ignored the parameter would fail)
        Edsr edsr = new Edsr();
        Params p = Params.resolve(edsr.info(), Map.<String, Object>of("blocks", 2, "features", 4, "res-scale", 0.3));
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(2, 1, 5, 6);
            Block block = initialized(edsr, 3, p, m, in);
            List<NDArray> w = block.getParameters().values().stream().map(Parameter::getArray).toList();
            NDArray x = m.randomUniform(0f, 1f, in);
            NDArray head = conv(x, w, 0);
            NDArray b = head;
            for (int i = 0; i < 2; i++) {
                NDArray branch = conv(Activation.relu(conv(b, w, 2 + 4 * i)), w, 4 + 4 * i);
                b = b.add(branch.mul(0.3f));
            }
            NDArray expected = Espcn.pixelShuffle(conv(head.add(conv(b, w, 10)), w, 12), 3);
            assertThat(w).hasSize(14);
            assertThat(forward(block, m, x).sub(expected).abs().max().getFloat()).isLessThan(1e-5f);

            // the suggested check in its plain form: a zero body leaves tail(head(x)), not the tail's bias alone
            for (int i = 2; i < 12; i++) {
                w.get(i).muli(0);
            }
            NDArray headTail = Espcn.pixelShuffle(conv(conv(x, w, 0), w, 12), 3);
            assertThat(forward(block, m, x).sub(headTail).abs().max().getFloat()).isLessThan(1e-5f);
            assertThat(headTail.sub(headTail.mean()).abs().max().getFloat()).isGreaterThan(1e-3f);
        }
    }

    /** A 3×3 "same" convolution with parameters {@code w[i]} (weight) and {@code w[i + 1]} (bias). */
    private static NDArray conv(NDArray x, List<NDArray> w, int i) {
        return Conv2d.conv2d(x, w.get(i), w.get(i + 1), new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
    }

    /** The plugin's block at this scale with every parameter, biases included, drawn at random (seeded). */
    private static Block initialized(SrModelPlugin plugin, int scale, Params p, NDManager m, Shape input) {
        Block block = plugin.create(scale, p);
        block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        block.initialize(m, DataType.FLOAT32, input);
        Random rng = new Random(7);
        for (Parameter param : block.getParameters().values()) {
            NDArray a = param.getArray();
            float[] v = new float[(int) a.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) (rng.nextGaussian() * 0.3);
            }
            a.set(v);
        }
        return block;
    }

    private static NDArray forward(Block block, NDManager m, NDArray x) {
        return block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }
}
