package ablate.plugins.detection.postprocess;

import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;

/** Gaussian Soft-NMS: an overlapping box's score is multiplied by {@code exp(-IoU² / σ)}. */
public final class SoftNmsGaussian extends SoftNms {
    public static final String ID = "postprocess.soft-nms-gaussian";
    public static final double DEFAULT_SIGMA = 0.5;

    public SoftNmsGaussian() {
        super(PluginInfo.of(ID, SLOT, "Gaussian Soft-NMS: decay overlapping scores by exp(-IoU^2 / sigma)",
                CITATION, CLAIM,
                Param.real(SIGMA, DEFAULT_SIGMA, 1e-6, 100, "sigma of the weight exp(-IoU^2 / sigma)"),
                scoreThreshold(DEFAULT_SCORE_THRESHOLD, "a decayed box scoring below this is dropped"),
                boxOffset()));
    }

    @Override
    GroupKernel kernel(Params params) {
        double sigma = params.getDouble(SIGMA);
        double scoreThreshold = params.getDouble(SCORE_THRESHOLD);
        double offset = params.getInt(BOX_OFFSET);
        Weight weight = iou -> Math.exp(-(iou * iou) / sigma);
        return group -> run(group, weight, scoreThreshold, offset);
    }
}
