package ablate.plugins.finetuning;

import ablate.harness.spi.PluginModule;

/** Registers the fine-tuning task, its backbones (slot {@code backbone}) and adaptation methods (slot {@code adaptation}). */
public final class FineTuningModule extends PluginModule {
    @Override
    protected void register() {
        task(FineTuningTask.class);
        plugin(VitTinyPlugin.class);
        plugin(ResNetMiniBackbone.class);
        plugin(FullFineTuningPlugin.class);
        plugin(LinearProbePlugin.class);
        plugin(BitFitPlugin.class);
        plugin(LoraPlugin.class);
        plugin(AdapterPlugin.class);
        plugin(PromptTuningPlugin.class);
    }
}
