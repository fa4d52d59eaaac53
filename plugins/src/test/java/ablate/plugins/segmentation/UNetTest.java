package ablate.plugins.segmentation;

import ablate.plugins.attention.ScseBlock;
import ablate.plugins.common.ModelCost;
import ablate.plugins.segmentation.models.UNet;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UNetTest {
    private static Block identity(int channels) {
        return new LambdaBlock(x -> x);
    }

    /*
     * Depth 1, width 2, 1 input channel, 3 classes, with skips. Convolutions have no bias, BN has 2 trainable
     * parameters per channel. enc0: 3·3·1·2 + 3·3·2·2 = 54 weights, BN 2·2·2 = 8. bottleneck (4 ch): 3·3·2·4 + 3·3·4·4 = 216,
     * BN 16. dec0 (input 4 upsampled + 2 skip = 6): 3·3·6·2 + 3·3·2·2 = 144, BN 8. head 1×1: 2·3 + 3 bias = 9.
     * Trainable: 54 + 8 + 216 + 16 + 144 + 8 + 9 = 455. Without skips dec0 sees 4 channels: 3·3·4·2 = 72 instead of 108.
     */
    @Test
    void shapesAndParameterCountsFollowTheLayout() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet net = new UNet(1, 2, 3, true, UNetTest::identity);
            net.initialize(m, DataType.FLOAT32, new Shape(2, 1, 8, 8));
            NDArray out = net.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(2, 1, 8, 8))),
                    false).singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(2, 3, 8, 8));
            assertThat(ModelCost.parameters(net, true)).isEqualTo(455);
            UNet fcn = new UNet(1, 2, 3, false, UNetTest::identity);
            fcn.initialize(m, DataType.FLOAT32, new Shape(2, 1, 8, 8));
            assertThat(ModelCost.parameters(fcn, true)).isEqualTo(455 - 36);
            assertThat(ModelCost.macs(net, new Shape(1, 1, 8, 8))).isPositive();
            assertThatThrownBy(() -> new UNet(3, 2, 3, true, UNetTest::identity)
                    .initialize(m, DataType.FLOAT32, new Shape(1, 1, 12, 12))).hasMessageContaining("divisible by 8");
        }
    }

    @Test
    void upsamplingRepeatsEachPixel() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[]{1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            assertThat(UNet.upsample(x).toFloatArray())
                    .containsExactly(1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4);
        }
    }

    /* scSE on C = 4, r = 2: SE 2·4·2 + 2 + 4 = 22, sSE 4 + 1 = 5: 27 parameters; output = cSE(x) + x·σ(conv(x)). */
    @Test
    void scseHasItsParametersAndAddsBothGates() {
        try (NDManager m = NDManager.newBaseManager()) {
            ScseBlock b = new ScseBlock(4, 2);
            b.initialize(m, DataType.FLOAT32, new Shape(1, 4, 3, 3));
            assertThat(ModelCost.parameters(b, true)).isEqualTo(27);
            NDArray zero = m.zeros(new Shape(1, 4, 3, 3));
            NDArray out = b.forward(new ParameterStore(m, false), new NDList(zero), false).singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(1, 4, 3, 3));
            assertThat(out.abs().sum().getFloat()).isZero();
        }
    }
}
