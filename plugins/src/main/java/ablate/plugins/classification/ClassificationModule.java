package ablate.plugins.classification;

import ablate.harness.spi.PluginModule;

/** Registers the classification task; its slots' plugins come from their own modules. */
public final class ClassificationModule extends PluginModule {
    @Override
    protected void register() {
        task(ClassificationTask.class);
    }
}
