package ablate.plugins.segmentation.task;

import ablate.harness.spi.PluginModule;
import ablate.plugins.segmentation.models.FcnPlugin;
import ablate.plugins.segmentation.models.UNetPlugin;

/** Registers the segmentation task and its networks; the losses have their own module, attention is shared. */
public final class SegmentationTaskModule extends PluginModule {
    @Override
    protected void register() {
        task(SegmentationTask.class);
        plugin(UNetPlugin.class);
        plugin(FcnPlugin.class);
    }
}
