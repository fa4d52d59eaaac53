package ablate.plugins.classification.losses;

import ablate.harness.spi.PluginModule;

/** The classification losses (slot {@code loss} of the classification task). */
public final class LossesModule extends PluginModule {
    public static final String SLOT = "loss";

    @Override
    protected void register() {
        plugin(CrossEntropy.class);
        plugin(Focal.class);
        plugin(LabelSmoothing.class);
        plugin(ClassBalanced.class);
        plugin(LogitAdjusted.class);
        plugin(BalancedSoftmax.class);
    }
}
