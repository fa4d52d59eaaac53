package ablate.plugins.superres.task;

import ablate.harness.spi.PluginModule;
import ablate.plugins.superres.losses.SrLosses;
import ablate.plugins.superres.models.Bicubic;
import ablate.plugins.superres.models.Edsr;
import ablate.plugins.superres.models.Espcn;
import ablate.plugins.superres.models.Fsrcnn;
import ablate.plugins.superres.models.Srcnn;

/** Registers the super-resolution task, its methods (bicubic, SRCNN, FSRCNN, ESPCN, EDSR) and its losses. */
public final class SuperResolutionTaskModule extends PluginModule {
    @Override
    protected void register() {
        task(SuperResolutionTask.class);
        plugin(Bicubic.class);
        plugin(Srcnn.class);
        plugin(Fsrcnn.class);
        plugin(Espcn.class);
        plugin(Edsr.class);
        plugin(SrLosses.L1.class);
        plugin(SrLosses.L2.class);
        plugin(SrLosses.Charbonnier.class);
    }
}
