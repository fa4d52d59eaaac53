package ablate.plugins.models;

import ablate.harness.spi.Param;
import ablate.plugins.attention.AttentionModule;
import ablate.harness.spi.PluginInfo;
import ablate.harness.spi.Params;
import ablate.plugins.classification.BackbonePlugin;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * {@code model.lenet5}: LeNet-5 (LeCun et al. 1998) for 28×28 inputs: conv 5×5 to 6 maps with padding 2 (so
 * C1 sees the 32×32 field of the original) → pool 2 → conv 5×5 to 16 → pool 2 → 120 → 84 → classes, every
 * layer with a bias. The activation and pooling default to ReLU and max; {@code tanh} and {@code avg} give the
 * classic network (without its trainable subsampling coefficients and partial C3 connections). No attention.
 */
public final class LeNet5Plugin implements BackbonePlugin {
    static final PluginInfo INFO = PluginInfo.of("model.lenet5", ModelsModule.SLOT,
            "LeNet-5 (conv 6, conv 16, FC 120, 84) for 28x28 images; ignores the attention slot",
            "LeCun, Y., Bottou, L., Bengio, Y., Haffner, P.: Gradient-Based Learning Applied to Document "
                    + "Recognition. Proceedings of the IEEE 86(11), 1998",
            null,
            Param.choice("activation", "relu", List.of("relu", "tanh", "sigmoid"), "hidden-layer activation"),
            Param.choice("pool", "max", List.of("max", "avg"), "2×2 subsampling"));

    /** Smallest input side: C3's 5×5 output must survive the second 2×2 pooling. */
    static final int MIN_SIDE = 12;

    @Override
    public PluginInfo info() {
        return INFO;
    }

    /** No residual blocks, so no place for an attention block: a suite setting one beside it fails at load. */
    @Override
    public Set<String> ignoredSlots() {
        return Set.of(AttentionModule.SLOT);
    }

    @Override
    public Block create(Shape imageShape, int classes, IntFunction<Block> attention, Params params) {
        ModelsModule.checkImage(INFO.id(), imageShape, MIN_SIDE, classes);
        String activation = params.getString("activation");
        String pool = params.getString("pool");
        return new SequentialBlock()
                .add(conv(6, 2)).add(activation(activation)).add(pool(pool))
                .add(conv(16, 0)).add(activation(activation)).add(pool(pool))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(120).build()).add(activation(activation))
                .add(Linear.builder().setUnits(84).build()).add(activation(activation))
                .add(Linear.builder().setUnits(classes).build());
    }

    private static Conv2d conv(int filters, int padding) {
        return Conv2d.builder().setKernelShape(new Shape(5, 5)).optPadding(new Shape(padding, padding))
                .setFilters(filters).build();
    }

    private static Block activation(String name) {
        return switch (name) {
            case "relu" -> Activation.reluBlock();
            case "tanh" -> Activation.tanhBlock();
            case "sigmoid" -> Activation.sigmoidBlock();
            default -> throw new IllegalArgumentException(INFO.id() + ": unknown activation '" + name + "'");
        };
    }

    private static Block pool(String name) {
        Shape two = new Shape(2, 2);
        return switch (name) {
            case "max" -> Pool.maxPool2dBlock(two, two);
            case "avg" -> Pool.avgPool2dBlock(two, two);
            default -> throw new IllegalArgumentException(INFO.id() + ": unknown pool '" + name + "'");
        };
    }
}
