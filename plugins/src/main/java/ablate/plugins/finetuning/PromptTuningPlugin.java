package ablate.plugins.finetuning;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;

/** {@code adaptation.prompt}: learned tokens prepended to the ViT's input sequence; only they (and the head) train. */
public final class PromptTuningPlugin implements AdaptationPlugin {
    static final PluginInfo INFO = PluginInfo.of("adaptation.prompt", FineTuningTask.ADAPTATION,
            "prompt tuning: k learned input tokens, the whole backbone frozen",
            "Lester, B., Al-Rfou, R., Constant, N.: The Power of Scale for Parameter-Efficient Prompt Tuning."
                    + " EMNLP 2021; on ViT: Jia, M. et al.: Visual Prompt Tuning. ECCV 2022",
            Claim.lowers("accuracy", "on small models prompt tuning lags full fine-tuning (T5-Small/Base on"
                    + " SuperGLUE); the gap closes only at billions of parameters"),
            Param.integer("tokens", 8, 1, 256, "prompt tokens k"),
            AdaptationPlugin.lrScaleParam(10), AdaptationPlugin.headLrScaleParam());

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Insertions insertions(Params p) {
        return Insertions.prompt(p.getInt("tokens"));
    }

    @Override
    public boolean trains(String name, Params params) {
        return name.endsWith("_prompt") || name.equals("prompt");
    }
}
