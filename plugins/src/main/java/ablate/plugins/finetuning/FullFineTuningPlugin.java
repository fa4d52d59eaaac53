package ablate.plugins.finetuning;

import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;

/** {@code adaptation.full}: every parameter trains — the reference every PEFT method is measured against. */
public final class FullFineTuningPlugin implements AdaptationPlugin {
    static final PluginInfo INFO = PluginInfo.of("adaptation.full", FineTuningTask.ADAPTATION,
            "full fine-tuning: every backbone parameter trains, with a new head",
            "Howard, J., Ruder, S.: Universal Language Model Fine-tuning for Text Classification. ACL 2018", null,
            AdaptationPlugin.lrScaleParam(0.3), AdaptationPlugin.headLrScaleParam());

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public boolean trains(String name, Params params) {
        return true;
    }
}
