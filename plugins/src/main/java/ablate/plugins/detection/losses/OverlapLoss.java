package ablate.plugins.detection.losses;

import ablate.plugins.common.Constant;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ai.djl.ndarray.NDArray;

import java.util.function.Function;

/** A box loss {@code 1 − overlap(predicted, target)} for an overlap measure of the IoU family. */
abstract class OverlapLoss implements BoxLossPlugin {
    private final PluginInfo info;
    private final Function<BoxOverlap, NDArray> overlap;

    OverlapLoss(PluginInfo info, Function<BoxOverlap, NDArray> overlap) {
        this.info = info;
        this.overlap = overlap;
    }

    @Override
    public PluginInfo info() {
        return info;
    }

    @Override
    public NDArray loss(NDArray predicted, NDArray target, Params params) {
        return overlap.apply(new BoxOverlap(predicted, target)).neg().add(Constant.like(predicted, 1));
    }
}
