package ablate.plugins.models;

import ablate.harness.spi.Param;
import ablate.harness.spi.PluginInfo;
import ablate.harness.spi.Params;
import ablate.plugins.classification.BackbonePlugin;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

import java.util.function.IntFunction;

/**
 * {@code model.resnet-mini}: the CIFAR ResNets of He et al. 2016 §4.2. A 3×3 convolution to {@code width}
 * channels (BN, ReLU), three stages of n {@link BasicBlock}s with width, 2·width and 4·width channels (stride 2
 * at the start of stages 2 and 3), global average pool, linear classifier: depth = 6n + 2 weighted layers
 * (20 → ResNet-20). Shortcuts that change shape are projections (option B), so ResNet-20 has a few thousand
 * more parameters than the paper's option-A 0.27M. The attention function is called once per residual block.
 * Weights keep DJL's default initialization, He-normal over the fan-in, as in the paper; BN starts at γ=1, β=0.
 */
public final class ResNetMiniPlugin implements BackbonePlugin {
    static final PluginInfo INFO = PluginInfo.of("model.resnet-mini", ModelsModule.SLOT,
            "CIFAR-style ResNet (depth 6n+2, widths w/2w/4w), attention in every residual block",
            "He, K., Zhang, X., Ren, S., Sun, J.: Deep Residual Learning for Image Recognition. CVPR 2016",
            null,
            Param.integer("depth", 20, 8, 1202, "weighted layers, 6n+2: 8, 14, 20, 32, 44, 56, 110, ..."),
            Param.integer("width", 16, 1, 256, "channels of the stem and the first stage"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Block create(Shape imageShape, int classes, IntFunction<Block> attention, Params params) {
        ModelsModule.checkImage(INFO.id(), imageShape, 1, classes);
        int depth = params.getInt("depth");
        if ((depth - 2) % 6 != 0) {
            throw new IllegalArgumentException(INFO.id() + ": parameter 'depth' = " + depth
                    + " is not 6n+2 (8, 14, 20, 32, 44, 56, 110, ...)");
        }
        return build(depth, params.getInt("width"), classes, attention);
    }

    /** ResNet of the given depth (6n+2) and first-stage width over any (N, C, H, W) input. */
    public static SequentialBlock build(int depth, int width, int classes, IntFunction<Block> attention) {
        int blocksPerStage = (depth - 2) / 6;
        SequentialBlock net = new SequentialBlock()
                .add(BasicBlock.conv(width, 3, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
        int in = width;
        for (int stage = 0; stage < 3; stage++) {
            int out = width << stage;
            for (int i = 0; i < blocksPerStage; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                net.add(new BasicBlock(in, out, stride, attention.apply(out)));
                in = out;
            }
        }
        return net.add(Pool.globalAvgPool2dBlock()).add(Linear.builder().setUnits(classes).build());
    }
}
