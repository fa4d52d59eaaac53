package ablate.plugins.attention;

import ablate.harness.spi.PluginInfo;
import ablate.harness.spi.Params;
import ablate.plugins.classification.AttentionPlugin;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;

/** {@code attention.none}: the identity, the baseline every attention module is compared with. */
public final class NoAttentionPlugin implements AttentionPlugin {
    static final PluginInfo INFO = PluginInfo.of("attention.none", AttentionModule.SLOT,
            "No attention: the feature map passes unchanged (baseline)", "", null);

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Block create(int channels, Params params) {
        return Blocks.identityBlock();
    }
}
