package ablate.plugins.segmentation.losses;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.common.Constant;
import ablate.plugins.segmentation.SegmentationLossPlugin;
import ai.djl.ndarray.NDArray;

/**
 * Focal Tversky loss (Abraham &amp; Khan 2019, eq. 4): mean over classes of (1 − TI_c)^(1/γ), the exponent applied
 * to each class's term <i>before</i> the mean (not {@code mean(1 − TI)^(1/γ)}, a known mistake elsewhere); the paper
 * sums over classes, the mean only divides by K. γ = 4/3 (their best), so the exponent is 0.75 — the
 * {@code gamma = 0.75} of the authors' code. TI_c is {@link TverskyLoss}'s, α on false positives and β on false
 * negatives, 0.3/0.7 (the paper writes the same weighting as α = 0.7 on false negatives). Each base is kept
 * ≥ 1e-6 before the power: the derivative of x^0.75 is infinite at 0, which a perfectly segmented class would reach.
 */
public final class FocalTverskyLoss implements SegmentationLossPlugin {
    static final double FLOOR = 1e-6;
    static final Param GAMMA = Param.real("gamma", 4.0 / 3.0, 1.0, 3.0, "focal parameter γ; each class term is raised to 1/γ");
    static final PluginInfo INFO = PluginInfo.of("seg-loss.focal-tversky", SegLossesModule.SLOT,
            "Focal Tversky loss, mean over classes of (1 − Tversky index)^(1/γ)",
            "N. Abraham, N. M. Khan. A Novel Focal Tversky Loss Function with Improved Attention U-Net for Lesion "
                    + "Segmentation. ISBI 2019 (eq. 4)",
            Claim.raises("smallDice", "focal Tversky raises Dice on small lesions over the Dice loss "
                    + "(ISIC 2018 Dice 0.856 vs 0.821 for their U-Net)"),
            TverskyLoss.ALPHA, TverskyLoss.BETA, DiceLoss.SMOOTH, GAMMA);

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, int ignoreIndex, Params params) {
        NDArray ti = TverskyLoss.index(logits, labels, ignoreIndex, params);
        NDArray base = Constant.like(ti, 1).sub(ti).maximum(Constant.like(ti, FLOOR));
        return base.pow(Constant.like(base, 1.0 / params.getDouble("gamma"))).mean();
    }
}
