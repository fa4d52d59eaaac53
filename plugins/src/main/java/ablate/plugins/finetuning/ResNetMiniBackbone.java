package ablate.plugins.finetuning;

import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.models.ResNetMiniPlugin;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

import java.util.List;
import java.util.Map;

/**
 * {@code backbone.resnet-mini}: the classification task's ResNet-mini ({@link ResNetMiniPlugin#build}, unchanged,
 * no attention) without its classifier. It has convolutions and BatchNorm only, so full fine-tuning, linear
 * probing and BitFit (BatchNorm shifts) apply; LoRA, adapters and prompts have no place in it.
 */
public final class ResNetMiniBackbone implements FineTuneBackbonePlugin {
    static final PluginInfo INFO = PluginInfo.of("backbone.resnet-mini", FineTuningTask.BACKBONE,
            "CIFAR-style ResNet (depth 6n+2, widths w/2w/4w) as a feature extractor",
            "He, K., Zhang, X., Ren, S., Sun, J.: Deep Residual Learning for Image Recognition. CVPR 2016",
            null,
            Param.integer("depth", 8, 8, 110, "weighted layers, 6n+2").must("be 6n+2", v -> ((Integer) v - 2) % 6 == 0),
            Param.integer("width", 16, 1, 256, "channels of the stem and the first stage"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Block features(Shape image, Insertions add, Params p) {
        SequentialBlock full = ResNetMiniPlugin.build(p.getInt("depth"), p.getInt("width"), 2,
                c -> Blocks.identityBlock()); // no attention
        SequentialBlock features = new SequentialBlock();
        List<Block> children = full.getChildren().values();
        for (Block child : children) {
            if (!(child instanceof Linear)) {
                features.add(child);
            }
        }
        return features;
    }

    @Override
    public Map<String, int[]> linearModules(Params params) {
        return Map.of();
    }

    @Override
    public boolean takesAdapters() {
        return false;
    }

    @Override
    public boolean takesPrompts() {
        return false;
    }
}
