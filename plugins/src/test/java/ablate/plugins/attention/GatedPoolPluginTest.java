package ablate.plugins.attention;

import ablate.harness.spi.Params;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The docs/plugins.md example works as the page says. */
class GatedPoolPluginTest {
    @Test
    void keepsTheShapeAndHasTheBottleneckParameters() {
        GatedPoolPlugin plugin = new GatedPoolPlugin();
        Block block = plugin.create(16, Params.defaults(plugin.info()));
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 16, 5, 5));
            NDArray x = manager.randomNormal(new Shape(2, 16, 5, 5));
            NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(x.getShape());
            int hidden = 16 / 8;
            long params = block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            assertThat(params).isEqualTo(16L * hidden + hidden + (long) hidden * 16 + 16);
        }
    }
}
