package ablate.plugins.modelselection;

import ablate.harness.spi.PluginModule;

/** The model-selection task and its information criteria (slot {@code criterion}). */
public final class ModelSelectionModule extends PluginModule {
    @Override
    protected void register() {
        task(ModelSelectionTask.class);
        plugin(AicPlugin.class);
        plugin(AiccPlugin.class);
        plugin(BicPlugin.class);
    }
}
