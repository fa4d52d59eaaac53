package ablate.plugins.segmentation.losses;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.common.Constant;
import ablate.plugins.segmentation.SegmentationLossPlugin;
import ai.djl.ndarray.NDArray;

/**
 * Soft Dice loss: 1 − mean over classes c of (2·TP_c + s) / (2·TP_c + FP_c + FN_c + s) = (2Σp·g + s)/(Σp + Σg + s),
 * with the soft counts of {@link Overlap} (linear denominator, as MONAI's {@code DiceLoss} default; V-Net's
 * squared form is not used). The smoothing s = 1 makes a class absent from both truth and prediction score 1
 * rather than 0/0. Every class, background included, is averaged.
 */
public final class DiceLoss implements SegmentationLossPlugin {
    static final Param SMOOTH = Param.real("smooth", 1.0, 0.0, 1e6, "s added to numerator and denominator");
    static final PluginInfo INFO = PluginInfo.of("seg-loss.dice", SegLossesModule.SLOT,
            "Soft Dice loss, 1 − mean per-class soft Dice over the batch",
            "F. Milletari, N. Navab, S.-A. Ahmadi. V-Net: Fully Convolutional Neural Networks for Volumetric Medical "
                    + "Image Segmentation. 3DV 2016",
            Claim.raises("smallDice", "overlap losses raise Dice on small foreground objects (class imbalance; "
                    + "Milletari et al. 2016, Sudre et al. 2017)"),
            SMOOTH);

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, int ignoreIndex, Params params) {
        return of(logits, labels, ignoreIndex, params.getDouble("smooth"));
    }

    static NDArray of(NDArray logits, NDArray labels, int ignoreIndex, double smooth) {
        Overlap o = Overlap.of(logits, labels, ignoreIndex);
        NDArray s = Constant.like(o.tp(), smooth);
        NDArray twoTp = o.tp().mul(Constant.like(o.tp(), 2));
        NDArray dice = twoTp.add(s).div(twoTp.add(o.fp()).add(o.fn()).add(s));
        return Constant.like(dice, 1).sub(dice.mean());
    }
}
