package ablate.plugins.detection.losses;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ai.djl.ndarray.NDArray;

/** The focal loss: cross-entropy down-weighted by {@code (1 - p_t)^γ} on well-classified examples. */
public final class FocalLoss implements ClassificationLossPlugin {
    public static final String ID = "cls-loss.focal";
    static final String ALPHA = "alpha";
    static final String GAMMA = "gamma";

    private static final PluginInfo INFO = PluginInfo.of(ID, SLOT,
            "Focal loss: -alpha_t (1 - p_t)^gamma log(p_t), sigmoid per class",
            "T.-Y. Lin, P. Goyal, R. Girshick, K. He, P. Dollár. Focal Loss for Dense Object Detection. ICCV 2017",
            Claim.raises("mAP", "Focal loss (γ=2, α=0.25) instead of α-balanced cross-entropy raises RetinaNet "
                    + "(ResNet-50, 600 px) from 31.1 to 34.0 AP on COCO minival (Lin et al. 2017, Table 1a-b)"),
            Param.real(GAMMA, 2, 0, 10, "focusing parameter; 0 gives the alpha-balanced cross-entropy"),
            Param.real(ALPHA, 0.25, -1, 1, "weight of positives (negatives get 1 - alpha); negative: no weighting"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray targets, Params params) {
        return SigmoidFocal.loss(logits, targets, params.getDouble(ALPHA), params.getDouble(GAMMA));
    }
}
