package ablate.plugins.detection.losses;

import ablate.plugins.common.Constant;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ai.djl.ndarray.NDArray;

/**
 * Smooth L1 on the four box coordinates, summed per box: {@code 0.5·d²/β} where {@code |d| < β}, else
 * {@code |d| − 0.5·β} (torch's {@code smooth_l1_loss}; β = 1 is Fast R-CNN's form). The detection task hands in
 * boxes in units of its feature stride, so β is in those units.
 */
public final class SmoothL1Loss implements BoxLossPlugin {
    public static final String ID = "box-loss.smooth-l1";
    static final String BETA = "beta";

    private static final PluginInfo INFO = PluginInfo.of(ID, SLOT,
            "Smooth L1 on the box corners: quadratic below beta, linear above",
            "R. Girshick. Fast R-CNN. ICCV 2015",
            null,
            Param.real(BETA, 1, 1e-6, 100, "where the loss turns from quadratic to linear (box units)"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public NDArray loss(NDArray predicted, NDArray target, Params params) {
        double beta = params.getDouble(BETA);
        NDArray d = predicted.sub(target).abs();
        NDArray m = d.minimum(Constant.like(d, beta)); // 0.5·m²/β + (d − m) is both branches at once
        return m.square().mul(Constant.like(d, 0.5 / beta)).add(d.sub(m)).sum(new int[]{1});
    }
}
