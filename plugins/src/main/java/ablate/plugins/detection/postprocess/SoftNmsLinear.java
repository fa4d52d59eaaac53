package ablate.plugins.detection.postprocess;

import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;

/** Linear Soft-NMS: an overlapping box's score is multiplied by {@code 1 - IoU} when IoU > Nt, else kept. */
public final class SoftNmsLinear extends SoftNms {
    public static final String ID = "postprocess.soft-nms-linear";
    public static final double DEFAULT_NT = 0.3;

    public SoftNmsLinear() {
        super(PluginInfo.of(ID, SLOT, "Linear Soft-NMS: decay overlapping scores by 1 - IoU above Nt",
                CITATION, CLAIM,
                iouThreshold(DEFAULT_NT, "Nt: scores of boxes overlapping a kept box by more than this are "
                        + "multiplied by 1 - IoU"),
                scoreThreshold(DEFAULT_SCORE_THRESHOLD, "a decayed box scoring below this is dropped"),
                boxOffset()));
    }

    @Override
    GroupKernel kernel(Params params) {
        double nt = params.getDouble(IOU_THRESHOLD);
        double scoreThreshold = params.getDouble(SCORE_THRESHOLD);
        double offset = params.getInt(BOX_OFFSET);
        Weight weight = iou -> iou > nt ? 1 - iou : 1;
        return group -> run(group, weight, scoreThreshold, offset);
    }
}
