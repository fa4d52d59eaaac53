package ablate.plugins.segmentation.losses;

import ablate.harness.spi.PluginModule;

/** The segmentation losses (slot {@code loss} of the segmentation task). */
public final class SegLossesModule extends PluginModule {
    public static final String SLOT = "loss";

    @Override
    protected void register() {
        plugin(CrossEntropySegLoss.class);
        plugin(DiceLoss.class);
        plugin(TverskyLoss.class);
        plugin(FocalTverskyLoss.class);
        plugin(CeDiceLoss.class);
        plugin(LovaszSoftmaxLoss.class);
    }
}
