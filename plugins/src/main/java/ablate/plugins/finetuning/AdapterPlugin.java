package ablate.plugins.finetuning;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;

/**
 * {@code adaptation.adapter}: Houlsby bottleneck adapters after the attention and the MLP of every layer
 * ({@link Adapter}); the adapters and the layer norms train (as in the paper), everything else is frozen.
 */
public final class AdapterPlugin implements AdaptationPlugin {
    static final PluginInfo INFO = PluginInfo.of("adaptation.adapter", FineTuningTask.ADAPTATION,
            "bottleneck adapters (Houlsby) after attention and MLP; adapters and layer norms train",
            "Houlsby, N. et al.: Parameter-Efficient Transfer Learning for NLP. ICML 2019",
            Claim.lowers("accuracy", "adapters come within 0.4 points of full fine-tuning on GLUE (BERT-large,"
                    + " 80.0 vs 80.4) while training 3.6% of the parameters per task"),
            Param.integer("size", 8, 1, 1024, "bottleneck width m"),
            AdaptationPlugin.lrScaleParam(10), AdaptationPlugin.headLrScaleParam());

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Insertions insertions(Params p) {
        return Insertions.adapter(p.getInt("size"));
    }

    @Override
    public boolean trains(String name, Params params) {
        return name.contains("adapter") || name.endsWith("_gamma") || name.endsWith("_beta");
    }
}
