package ablate.plugins.attention;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.PluginInfo;
import ablate.harness.spi.Params;
import ablate.plugins.classification.AttentionPlugin;
import ai.djl.nn.Block;

/** {@code attention.cbam}: channel then spatial attention, see {@link CbamBlock}. */
public final class CbamPlugin implements AttentionPlugin {
    static final PluginInfo INFO = PluginInfo.of("attention.cbam", AttentionModule.SLOT,
            "CBAM: channel gate (shared MLP on average and max pool) then spatial gate (k×k conv)",
            "Woo, S., Park, J., Lee, J.-Y., Kweon, I. S.: CBAM: Convolutional Block Attention Module. ECCV 2018",
            Claim.raises("accuracy", "ResNet-50 + CBAM lowers ImageNet top-1 error from 24.56% to 22.66%"),
            SePlugin.REDUCTION,
            // Odd so that the same padding keeps the map's size; checked when the suite loads.
            Param.integer("kernel", 7, 1, 15, "spatial convolution size (odd)").must("be odd", v -> (Integer) v % 2 == 1));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Block create(int channels, Params params) {
        int kernel = params.getInt("kernel");
        if (kernel % 2 == 0) {   // Params built in code skip the suite's check
            throw new IllegalArgumentException(INFO.id() + ": parameter 'kernel' must be odd, got " + kernel);
        }
        return new CbamBlock(channels, SePlugin.hiddenUnits(channels, params.getInt("reduction")), kernel);
    }
}
