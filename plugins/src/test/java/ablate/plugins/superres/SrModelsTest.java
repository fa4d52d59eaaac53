package ablate.plugins.superres;

import ablate.harness.spi.Params;
import ablate.plugins.common.ModelCost;
import ablate.plugins.superres.models.Espcn;
import ablate.plugins.superres.models.Fsrcnn;
import ablate.plugins.superres.models.Srcnn;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Shapes, parameter counts (worked out from each paper's layer list) and the sub-pixel shuffle by hand. */
class SrModelsTest {
    private static ModelCost cost(SrModelPlugin plugin, int scale, Shape input, long... outShape) {
        Block block = plugin.create(scale, Params.resolve(plugin.info(), Map.of()));
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
}
