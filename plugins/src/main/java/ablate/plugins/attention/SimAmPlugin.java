package ablate.plugins.attention;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.PluginInfo;
import ablate.harness.spi.Params;
import ablate.plugins.classification.AttentionPlugin;
import ai.djl.nn.Block;

/** {@code attention.simam}: parameter-free 3-D attention from an energy function, see {@link SimAmBlock}. */
public final class SimAmPlugin implements AttentionPlugin {
    static final PluginInfo INFO = PluginInfo.of("attention.simam", AttentionModule.SLOT,
            "SimAM: parameter-free attention weighting each neuron by its closed-form minimal energy",
            "Yang, L., Zhang, R.-Y., Li, L., Xie, X.: SimAM: A Simple, Parameter-Free Attention Module for "
                    + "Convolutional Neural Networks. ICML 2021 (PMLR 139)",
            Claim.raises("accuracy", "SimAM-ResNet-50 reaches 77.45% ImageNet top-1, above the plain ResNet-50, "
                    + "with no extra parameters"),
            Param.real("lambda", 1e-4, 1e-12, 1.0, "regulariser λ of the energy function"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Block create(int channels, Params params) {
        return new SimAmBlock(channels, params.getDouble("lambda"));
    }
}
