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
        return group -> suppress(group, group.prepare(minScore, offset), iouThreshold, offset);
    }

    /**
     * Box j joins the cluster of the first kept box (in score order) with IoU > threshold to it, or is kept
     * itself; cluster sums accumulate in score order, as in the kept-box-first loop.
     */
    private static int suppress(BoxGroup g, int n, double iouThreshold, double offset) {
        double[] x1 = g.x1;
        double[] y1 = g.y1;
        double[] x2 = g.x2;
        double[] y2 = g.y2;
        double[] score = g.score;
        int[] near = g.candidates;
        SpatialGrid grid = g.grid;
        grid.reset(g, n, offset);
        double[] weight = new double[n];
        double[] sx1 = new double[n];
        double[] sy1 = new double[n];
        double[] sx2 = new double[n];
        double[] sy2 = new double[n];
        boolean[] merged = new boolean[n];
        int kept = 0;
        for (int j = 0; j < n; j++) {
            double jx1 = x1[j];
            double jy1 = y1[j];
            double jx2 = x2[j];
            double jy2 = y2[j];
            double s = score[j];
            int count = grid.query(jx1 - offset, jy1 - offset, jx2 + offset, jy2 + offset, near);
            int cluster = Integer.MAX_VALUE;
            for (int q = 0; q < count; q++) {
                int i = near[q];
                if (i < cluster && g.iou(i, j, offset) > iouThreshold) {
                    cluster = i;
                }
            }
            if (cluster == Integer.MAX_VALUE) {
                cluster = kept++;
                g.move(j, cluster);
                grid.insert(cluster, jx1, jy1, jx2, jy2);
            } else {
                merged[cluster] = true;
            }
            weight[cluster] += s;
            sx1[cluster] += s * jx1;
            sy1[cluster] += s * jy1;
            sx2[cluster] += s * jx2;
            sy2[cluster] += s * jy2;
        }
        for (int k = 0; k < kept; k++) {
            if (merged[k] && weight[k] > 0) {
                x1[k] = sx1[k] / weight[k];
                y1[k] = sy1[k] / weight[k];
                // Rounding could put a mean corner of near-degenerate boxes an ulp past the other one.
                x2[k] = Math.max(sx2[k] / weight[k], x1[k]);
                y2[k] = Math.max(sy2[k] / weight[k], y1[k]);
            }
        }
        return kept;
    }
}
