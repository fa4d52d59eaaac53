package ablate.plugins.detection.postprocess;

import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;

/**
 * Greedy NMS: keep the highest-scoring box, suppress every remaining box whose IoU with it is strictly
 * greater than the threshold, repeat. Score ties go to the earlier input box (a stable sort), so the kept
 * boxes are exactly those of {@code torchvision.ops.nms} run on float64 tensors, in the same order.
 */
public final class GreedyNms extends ClasswisePostprocessor {
    public static final String ID = "postprocess.greedy";
    public static final double DEFAULT_IOU = 0.5;

    public GreedyNms() {
        super(PluginInfo.of(ID, SLOT, "Greedy NMS: suppress boxes with IoU > threshold to a higher-scoring box",
                "P. F. Felzenszwalb, R. B. Girshick, D. McAllester, D. Ramanan. Object Detection with "
                        + "Discriminatively Trained Part-Based Models. IEEE TPAMI 32(9), 2010",
                null,
                iouThreshold(DEFAULT_IOU, "a box whose IoU with a kept box is above this is suppressed"),
                scoreThreshold(0, "boxes scoring below this are dropped first"),
                boxOffset()));
    }

    @Override
    GroupKernel kernel(Params params) {
        double iouThreshold = params.getDouble(IOU_THRESHOLD);
        double minScore = params.getDouble(SCORE_THRESHOLD);
        double offset = params.getInt(BOX_OFFSET);
        return group -> suppress(group, group.prepare(minScore, offset), iouThreshold, BoxGroup::iou, offset);
    }

    /** The overlap of kept box i with a later box j that greedy suppression compares with its threshold. */
    @FunctionalInterface
    interface Overlap {
        /** Called only for pairs that may intersect; must not exceed a threshold >= 0 for disjoint boxes. */
        double of(BoxGroup g, int i, int j, double offset);
    }

    /**
     * Greedy suppression of a group sorted by descending score, moving the kept entries to the front: box j
     * is kept unless a kept box (all of which come before it) has an overlap with it above the threshold.
     * The kept boxes that may intersect j come from the group's {@link SpatialGrid}.
     */
    static int suppress(BoxGroup g, int n, double threshold, Overlap overlap, double offset) {
        int[] near = g.candidates;
        SpatialGrid grid = g.grid;
        grid.reset(g, n, offset);
        int kept = 0;
        for (int j = 0; j < n; j++) {
            int count = grid.query(g.x1[j] - offset, g.y1[j] - offset, g.x2[j] + offset, g.y2[j] + offset, near);
            boolean suppressed = false;
            for (int q = 0; q < count && !suppressed; q++) {
                suppressed = overlap.of(g, near[q], j, offset) > threshold;
            }
            if (!suppressed) {
                g.move(j, kept);
                grid.insert(kept, g.x1[kept], g.y1[kept], g.x2[kept], g.y2[kept]);
                kept++;
            }
        }
        return kept;
    }
}
