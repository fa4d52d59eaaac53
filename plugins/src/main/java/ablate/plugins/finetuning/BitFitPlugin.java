package ablate.plugins.finetuning;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;

/**
 * {@code adaptation.bitfit}: only the bias terms train — every linear layer's bias and the additive shift
 * (β) of every normalisation layer, as BitFit trains BERT's LayerNorm biases too; weights, gains and
 * embeddings stay frozen.
 */
public final class BitFitPlugin implements AdaptationPlugin {
    static final PluginInfo INFO = PluginInfo.of("adaptation.bitfit", FineTuningTask.ADAPTATION,
            "BitFit: train only the bias terms (linear biases, normalisation shifts)",
            "Ben Zaken, E., Goldberg, Y., Ravfogel, S.: BitFit: Simple Parameter-efficient Fine-tuning for"
                    + " Transformer-based Masked Language-models. ACL 2022",
            Claim.lowers("accuracy", "training only the biases (about 0.1% of the parameters) comes close"
                    + " behind full fine-tuning on GLUE (BERT)"),
            AdaptationPlugin.lrScaleParam(0.5), AdaptationPlugin.headLrScaleParam());

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public boolean trains(String name, Params params) {
        return isBias(name);
    }

    /** A bias term by its parameter name: DJL names linear and convolution biases {@code bias}, norm shifts {@code beta}. */
    static boolean isBias(String name) {
        return name.endsWith("_bias") || name.endsWith("_beta");
    }
}
