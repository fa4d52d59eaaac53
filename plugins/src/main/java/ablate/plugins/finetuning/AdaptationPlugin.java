package ablate.plugins.finetuning;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;

/**
 * Slot {@code adaptation} of the fine-tuning task: how a pretrained backbone is adapted to the target task —
 * what it adds ({@link #insertions}) and which of the backbone's parameters then train ({@link #trains}); every
 * other backbone parameter is frozen (no gradient computed or stored). The classifier head always trains.
 */
public interface AdaptationPlugin extends Plugin {
    default Insertions insertions(Params params) {
        return Insertions.NONE;
    }

    /**
     * @param name a parameter of the feature extractor, by its path (e.g. {@code 03layer0_02query_loraA})
     */
    boolean trains(String name, Params params);

    /**
     * The factor on the suite's learning rate for this method: parameter {@code lr-scale}. Methods that train a few
     * parameters from a near-zero start are run at higher rates than full fine-tuning in their papers (LoRA on
     * RoBERTa-base: 4e-4–5e-4 against 1e-5–3e-5 for full fine-tuning; BitFit 1e-4–1e-3), so one shared rate would
     * compare an under-trained method with a tuned one.
     */
    default double lrScale(Params params) {
        return params.getDouble(LR_SCALE);
    }

    /**
     * The factor on the suite's learning rate for the new classification head: parameter {@code head-lr-scale}.
     * The head starts from random weights in every method, so it gets the same rate in every method (default 10:
     * at 1 the linear probe stayed at chance, measured); the adapted backbone parameters get {@link #lrScale}.
     */
    default double headLrScale(Params params) {
        return params.getDouble(HEAD_LR_SCALE);
    }

    String LR_SCALE = "lr-scale";
    String HEAD_LR_SCALE = "head-lr-scale";
    double DEFAULT_HEAD_LR_SCALE = 10;

    /** The {@code lr-scale} parameter with this method's default. */
    static ablate.harness.spi.Param lrScaleParam(double defaultValue) {
        return ablate.harness.spi.Param.real(LR_SCALE, defaultValue, 1e-3, 1e3,
                "factor on the suite's learning rate for the backbone parameters this method trains");
    }

    /** The {@code head-lr-scale} parameter, the same default for every method. */
    static ablate.harness.spi.Param headLrScaleParam() {
        return ablate.harness.spi.Param.real(HEAD_LR_SCALE, DEFAULT_HEAD_LR_SCALE, 1e-3, 1e3,
                "factor on the suite's learning rate for the new classification head");
    }

    /** False for a method that trains the head alone (linear probe); the others must apply to some parameter. */
    default boolean trainsBackbone() {
        return true;
    }
}
