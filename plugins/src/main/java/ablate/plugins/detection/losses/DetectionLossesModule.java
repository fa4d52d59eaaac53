package ablate.plugins.detection.losses;

import ablate.harness.spi.PluginModule;

/** The detection task's loss plugins: slots {@code cls-loss} and {@code box-loss}. */
public final class DetectionLossesModule extends PluginModule {
    @Override
    protected void register() {
        plugin(CrossEntropyLoss.class);
        plugin(FocalLoss.class);
        plugin(SmoothL1Loss.class);
        plugin(IouLoss.class);
        plugin(GiouLoss.class);
        plugin(DiouLoss.class);
        plugin(CiouLoss.class);
    }
}
