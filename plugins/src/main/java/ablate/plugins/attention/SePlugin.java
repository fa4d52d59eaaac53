package ablate.plugins.attention;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.PluginInfo;
import ablate.harness.spi.Params;
import ablate.plugins.classification.AttentionPlugin;
import ai.djl.nn.Block;

/** {@code attention.se}: squeeze-and-excitation channel gate, see {@link SeBlock}. */
public final class SePlugin implements AttentionPlugin {
    /** The bottleneck ratio, shared with CBAM's channel MLP. */
    static final Param REDUCTION =
            Param.integer("reduction", 16, 1, 1024, "channel reduction ratio r; hidden units = max(1, C / r)");
    static final PluginInfo INFO = PluginInfo.of("attention.se", AttentionModule.SLOT,
            "Squeeze-and-excitation: channel gate from a global-average-pool MLP",
            "Hu, J., Shen, L., Sun, G.: Squeeze-and-Excitation Networks. CVPR 2018",
            Claim.raises("accuracy", "SE-ResNet-50 lowers ImageNet top-1 error from 24.80% to 23.29% "
                    + "(about 1.5 points)"),
            REDUCTION);

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Block create(int channels, Params params) {
        return new SeBlock(channels, hiddenUnits(channels, params.getInt("reduction")));
    }

    /**
     * Width of the bottleneck, {@code max(1, C / r)} with integer division: the authors' {@code C // r}, kept
     * at least 1 so that narrow layers (C &lt; r, as in ResNet-20's 16-channel stage) still get a gate.
     */
    public static int hiddenUnits(int channels, int reduction) {
        return Math.max(1, channels / reduction);
    }
}
