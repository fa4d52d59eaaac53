package ablate.plugins.detection;

import ablate.harness.spi.PluginModule;
import ablate.plugins.detection.postprocess.DiouNms;
import ablate.plugins.detection.postprocess.GreedyNms;
import ablate.plugins.detection.postprocess.MatrixNms;
import ablate.plugins.detection.postprocess.SoftNmsGaussian;
import ablate.plugins.detection.postprocess.SoftNmsLinear;
import ablate.plugins.detection.postprocess.WeightedNms;

/** The detection family: post-processors for the {@code postprocess} slot. */
public final class DetectionModule extends PluginModule {
    @Override
    protected void register() {
        plugin(GreedyNms.class);
        plugin(SoftNmsLinear.class);
        plugin(SoftNmsGaussian.class);
        plugin(DiouNms.class);
        plugin(WeightedNms.class);
        plugin(MatrixNms.class);
    }
}
