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
import ai.djl.nn.core.Linear;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/** {@code model.mlp}: flatten, fully connected ReLU layers of the given sizes, linear classifier. */
public final class MlpPlugin implements BackbonePlugin {
    static final PluginInfo INFO = PluginInfo.of("model.mlp", ModelsModule.SLOT,
            "Multilayer perceptron on the flattened image; ignores the attention slot",
            "Rumelhart, D. E., Hinton, G. E., Williams, R. J.: Learning Representations by Back-Propagating "
                    + "Errors. Nature 323, 1986",
            null,
            Param.text("hidden", "256", "comma-separated hidden layer sizes, e.g. 512,256; empty = softmax regression")
                    .must("list layer sizes in [1, 1048576] separated by commas, e.g. 512,256", MlpPlugin::valid));

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
        ModelsModule.checkImage(INFO.id(), imageShape, 1, classes);
        SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock());
        for (int units : hiddenSizes(params.getString("hidden"))) {
            net.add(Linear.builder().setUnits(units).build()).add(Activation.reluBlock());
        }
        return net.add(Linear.builder().setUnits(classes).build());
    }

    private static boolean valid(Object spec) {
        try {
            hiddenSizes((String) spec);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Parses {@code "512, 256"}; blank means no hidden layer. */
    static List<Integer> hiddenSizes(String spec) {
        List<Integer> sizes = new ArrayList<>();
        if (spec.isBlank()) {
            return sizes;
        }
        for (String part : spec.split(",")) {
            int units;
            try {
                units = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                units = 0;
            }
            if (units < 1 || units > 1 << 20) {
                throw new IllegalArgumentException(INFO.id() + ": parameter 'hidden' = '" + spec
                        + "' must list layer sizes in [1, 1048576] separated by commas, e.g. 512,256");
            }
            sizes.add(units);
        }
        return sizes;
    }
}
