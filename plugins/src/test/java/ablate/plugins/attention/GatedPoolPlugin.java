package ablate.plugins.attention;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.classification.AttentionPlugin;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

import java.util.List;

/** Gates each channel by a sigmoid of a linear map of its global maximum. */
public final class GatedPoolPlugin implements AttentionPlugin {
    private static final PluginInfo INFO = PluginInfo.of("attention.gated-pool", "attention",
            "Channel gate from global max pooling through a bottleneck",
            "Example plugin for docs/plugins.md",
            Claim.raises("accuracy", "max-pooled gates help on sparse features"),
            Param.integer("reduction", 8, 1, 256, "bottleneck ratio C/r"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Block create(int channels, Params params) {
        int hidden = Math.max(1, channels / params.getInt("reduction"));
        Block gate = new SequentialBlock()
                .add(x -> new NDList(x.singletonOrThrow().max(new int[]{3}).max(new int[]{2})))   // (N, C)
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(channels).build())
                .add(x -> new NDList(Activation.sigmoid(x.singletonOrThrow()).expandDims(2).expandDims(3))); // (N, C, 1, 1)
        return new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow()
                .mul(list.get(1).singletonOrThrow())), List.of(new LambdaBlock(x -> x), gate));
    }
}
