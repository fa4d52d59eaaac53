package ablate.plugins.detection.losses;

import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ai.djl.ndarray.NDArray;

/** Binary cross-entropy on every class logit, optionally α-balanced (the baseline of the focal-loss paper). */
public final class CrossEntropyLoss implements ClassificationLossPlugin {
    public static final String ID = "cls-loss.ce";
    static final String ALPHA = "alpha";

    private static final PluginInfo INFO = PluginInfo.of(ID, SLOT,
            "Sigmoid cross-entropy per class; alpha >= 0 weighs positives by alpha and negatives by 1 - alpha",
            "T.-Y. Lin, P. Goyal, R. Girshick, K. He, P. Dollár. Focal Loss for Dense Object Detection. ICCV 2017 "
                    + "(α-balanced CE, Section 3.1)",
            null,
            Param.real(ALPHA, -1, -1, 1, "weight of positives (negatives get 1 - alpha); negative: no weighting. "
                    + "The paper's best α-balanced CE used 0.75"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray targets, Params params) {
        return SigmoidFocal.loss(logits, targets, params.getDouble(ALPHA), 0);
    }
}
