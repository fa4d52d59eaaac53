package ablate.plugins.segmentation.losses;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.common.Constant;
import ablate.plugins.segmentation.SegmentationLossPlugin;
import ai.djl.ndarray.NDArray;

/**
 * Weighted sum of {@link CrossEntropySegLoss} and {@link DiceLoss}: w_ce·CE + w_dice·Dice. Defaults 1 and 3, the
 * weights of MMSegmentation's U-Net configurations ({@code ..._ce-1.0-dice-3.0_...}).
 */
public final class CeDiceLoss implements SegmentationLossPlugin {
    static final PluginInfo INFO = PluginInfo.of("seg-loss.ce-dice", SegLossesModule.SLOT,
            "Cross-entropy plus soft Dice, weighted",
            "MMSegmentation contributors. MMSegmentation U-Net configs (fcn_unet_s5-d16, ce-1.0-dice-3.0), 2020; "
                    + "Isensee et al. nnU-Net, Nature Methods 2021 (CE + Dice)",
            Claim.raises("meanDice", "MMSegmentation's U-Net tables: CE+Dice above CE, e.g. DRIVE Dice 78.67 → 79.32"),
            Param.real("ce-weight", 1.0, 0.0, 1e3, "weight of the cross-entropy"),
            Param.real("dice-weight", 3.0, 0.0, 1e3, "weight of the Dice loss"),
            DiceLoss.SMOOTH);

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, int ignoreIndex, Params params) {
        NDArray ce = CrossEntropySegLoss.of(logits, labels, ignoreIndex);
        NDArray dice = DiceLoss.of(logits, labels, ignoreIndex, params.getDouble("smooth"));
        return ce.mul(Constant.like(ce, params.getDouble("ce-weight")))
                .add(dice.mul(Constant.like(dice, params.getDouble("dice-weight"))));
    }
}
