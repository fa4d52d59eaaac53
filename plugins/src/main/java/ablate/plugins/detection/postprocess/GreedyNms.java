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
     * Keeps entries of a group sorted by descending score, moving the kept ones to the front. Survivors of
     * each kept box are compacted, so every later pass scans only the boxes still alive.
     */
    static int suppress(BoxGroup g, int n, double iouThreshold, double offset) {
        double[] x1 = g.x1;
        double[] y1 = g.y1;
        double[] x2 = g.x2;
        double[] y2 = g.y2;
        double[] area = g.area;
        int alive = n;
        int kept = 0;
        while (kept < alive) {
            double ix1 = x1[kept];
            double iy1 = y1[kept];
            double ix2 = x2[kept];
            double iy2 = y2[kept];
            double iarea = area[kept];
            int w = kept + 1;
            for (int j = kept + 1; j < alive; j++) {
                // torchvision's arithmetic, in its order: std::max(a, b) is (a < b ? b : a).
                double xx1 = ix1 < x1[j] ? x1[j] : ix1;
                double yy1 = iy1 < y1[j] ? y1[j] : iy1;
                double xx2 = x2[j] < ix2 ? x2[j] : ix2;
                double yy2 = y2[j] < iy2 ? y2[j] : iy2;
                double iw = xx2 - xx1 + offset;
                double ih = yy2 - yy1 + offset;
                double inter = (0 < iw ? iw : 0) * (0 < ih ? ih : 0);
                double iou = inter / (iarea + area[j] - inter);
                if (!(iou > iouThreshold)) {
                    if (w != j) {
                        g.move(j, w);
                    }
                    w++;
                }
            }
            alive = w;
            kept++;
        }
        return kept;
    }
}
