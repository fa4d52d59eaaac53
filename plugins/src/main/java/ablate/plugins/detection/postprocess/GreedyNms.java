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
        return group -> {
            int n = group.retainScoresAtLeast(minScore);
            group.sortByScoreDescending(n);
            group.computeAreas(offset, n);
            return suppress(group, n, iouThreshold, offset);
        };
    }

    /**
     * Keeps entries of a group sorted by descending score, moving the kept ones to the front. Box j is kept
     * unless a kept box (all of which come before it) overlaps it with IoU > threshold; the kept boxes that
     * may overlap it come from the group's {@link SpatialGrid}.
     */
    static int suppress(BoxGroup g, int n, double iouThreshold, double offset) {
        double[] x1 = g.x1;
        double[] y1 = g.y1;
        double[] x2 = g.x2;
        double[] y2 = g.y2;
        double[] area = g.area;
        int[] near = g.candidates;
        SpatialGrid grid = g.grid;
        grid.reset(g, n, offset);
        int kept = 0;
        for (int j = 0; j < n; j++) {
            double jx1 = x1[j];
            double jy1 = y1[j];
            double jx2 = x2[j];
            double jy2 = y2[j];
            double jarea = area[j];
            int count = grid.query(jx1 - offset, jy1 - offset, jx2 + offset, jy2 + offset, near);
            boolean suppressed = false;
            for (int q = 0; q < count && !suppressed; q++) {
                int i = near[q];
                // torchvision's arithmetic, in its order (i kept, j tested): std::max(a, b) is (a < b ? b : a).
                double xx1 = x1[i] < jx1 ? jx1 : x1[i];
                double yy1 = y1[i] < jy1 ? jy1 : y1[i];
                double xx2 = jx2 < x2[i] ? jx2 : x2[i];
                double yy2 = jy2 < y2[i] ? jy2 : y2[i];
                double iw = xx2 - xx1 + offset;
                double ih = yy2 - yy1 + offset;
                double inter = (0 < iw ? iw : 0) * (0 < ih ? ih : 0);
                suppressed = inter / (area[i] + jarea - inter) > iouThreshold;
            }
            if (!suppressed) {
                g.move(j, kept);
                grid.insert(kept, jx1, jy1, jx2, jy2);
                kept++;
            }
        }
        return kept;
    }
}
