package ablate.plugins.detection.postprocess;

import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;

/**
 * Weighted NMS (Zhou et al. 2017): greedy NMS in which the kept box is replaced by the score-weighted mean of
 * its cluster, the box itself plus every remaining box whose IoU with it is strictly above the threshold
 * (the boxes it suppresses). The kept score is the top box's own; cluster membership is decided on the top
 * box's original corners.
 */
public final class WeightedNms extends ClasswisePostprocessor {
    public static final String ID = "postprocess.weighted";
    public static final double DEFAULT_IOU = 0.5;

    public WeightedNms() {
        super(PluginInfo.of(ID, SLOT, "Weighted NMS: kept box = score-weighted mean of the boxes it suppresses",
                "H. Zhou, Z. Li, C. Ning, J. Tang. CAD: Scale Invariant Framework for Real-Time Object "
                        + "Detection. ICCV Workshops 2017",
                null,
                iouThreshold(DEFAULT_IOU, "boxes with IoU above this to a kept box join its cluster"),
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

    private static int suppress(BoxGroup g, int n, double iouThreshold, double offset) {
        double[] x1 = g.x1;
        double[] y1 = g.y1;
        double[] x2 = g.x2;
        double[] y2 = g.y2;
        double[] score = g.score;
        double[] area = g.area;
        int alive = n;
        int kept = 0;
        while (kept < alive) {
            double ix1 = x1[kept];
            double iy1 = y1[kept];
            double ix2 = x2[kept];
            double iy2 = y2[kept];
            double iarea = area[kept];
            double s = score[kept];
            double weightSum = s;
            double sx1 = s * ix1;
            double sy1 = s * iy1;
            double sx2 = s * ix2;
            double sy2 = s * iy2;
            int w = kept + 1;
            for (int j = kept + 1; j < alive; j++) {
                double iw = Math.min(ix2, x2[j]) - Math.max(ix1, x1[j]) + offset;
                double ih = Math.min(iy2, y2[j]) - Math.max(iy1, y1[j]) + offset;
                double inter = Math.max(iw, 0) * Math.max(ih, 0);
                double union = iarea + area[j] - inter;
                double iou = union > 0 ? inter / union : 0;
                if (iou > iouThreshold) {
                    double sj = score[j];
                    weightSum += sj;
                    sx1 += sj * x1[j];
                    sy1 += sj * y1[j];
                    sx2 += sj * x2[j];
                    sy2 += sj * y2[j];
                } else {
                    if (w != j) {
                        g.move(j, w);
                    }
                    w++;
                }
            }
            boolean merged = alive > w;
            if (merged && weightSum > 0) {
                x1[kept] = sx1 / weightSum;
                y1[kept] = sy1 / weightSum;
                // Rounding could put a mean corner of near-degenerate boxes an ulp past the other one.
                x2[kept] = Math.max(sx2 / weightSum, x1[kept]);
                y2[kept] = Math.max(sy2 / weightSum, y1[kept]);
            }
            alive = w;
            kept++;
        }
        return kept;
    }
}
