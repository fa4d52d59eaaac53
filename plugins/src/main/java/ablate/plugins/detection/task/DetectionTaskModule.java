package ablate.plugins.detection.task;

import ablate.harness.spi.PluginModule;

/** Registers the detection task and its detector family; the losses and post-processors have their own modules. */
public final class DetectionTaskModule extends PluginModule {
    @Override
    protected void register() {
        task(DetectionTask.class);
        plugin(FcosMiniPlugin.class);
    }
}
