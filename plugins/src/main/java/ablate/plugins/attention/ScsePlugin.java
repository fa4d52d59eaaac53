package ablate.plugins.attention;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.classification.AttentionPlugin;
import ai.djl.nn.Block;

/** {@code attention.scse}: concurrent spatial and channel SE, the segmentation attention; see {@link ScseBlock}. */
public final class ScsePlugin implements AttentionPlugin {
    static final PluginInfo INFO = PluginInfo.of("attention.scse", AttentionModule.SLOT,
            "Concurrent spatial and channel squeeze-and-excitation (sum of cSE and sSE)",
            "A. G. Roy, N. Navab, C. Wachinger. Concurrent Spatial and Channel Squeeze & Excitation in Fully "
                    + "Convolutional Networks. MICCAI 2018",
            Claim.raises("meanDice", "scSE blocks in U-Net / SD-Net raise mean Dice on brain (MALC) and abdominal "
                    + "(Visceral) segmentation by about 4-9 points"),
            Param.integer("reduction", 2, 1, 1024, "channel reduction ratio r of the cSE branch (the paper's 2)"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Block create(int channels, Params params) {
        return new ScseBlock(channels, SePlugin.hiddenUnits(channels, params.getInt("reduction")));
    }
}
