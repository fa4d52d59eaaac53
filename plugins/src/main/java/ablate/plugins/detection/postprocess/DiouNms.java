package ablate.plugins.detection.postprocess;

import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;

/**
 * DIoU-NMS (Zheng et al. 2020): greedy NMS whose overlap is {@code DIoU = IoU - (ρ² / c²)^β}, with ρ the
 * distance between the two box centres and c the diagonal of the smallest box enclosing both. A box is
 * suppressed when its DIoU with a kept box is strictly above the threshold, so a neighbour whose centre is
 * far away survives at the same IoU. The paper uses β = 1 (darknet's YOLOv4 exposes β as {@code beta_nms}).
 */
public final class DiouNms extends ClasswisePostprocessor {
    public static final String ID = "postprocess.diou";
    public static final double DEFAULT_IOU = 0.5;
    public static final double DEFAULT_BETA = 1.0;

    public DiouNms() {
        super(PluginInfo.of(ID, SLOT, "DIoU-NMS: greedy NMS on IoU minus the normalised centre distance",
                "Z. Zheng, P. Wang, W. Liu, J. Li, R. Ye, D. Ren. Distance-IoU Loss: Faster and Better Learning "
                        + "for Bounding Box Regression. AAAI 2020",
                null,
                iouThreshold(DEFAULT_IOU, "a box whose DIoU with a kept box is above this is suppressed"),
                Param.real(BETA, DEFAULT_BETA, 0.01, 10, "exponent of the centre-distance penalty (rho^2/c^2)^beta"),
                scoreThreshold(0, "boxes scoring below this are dropped first"),
                boxOffset()));
    }

    @Override
    GroupKernel kernel(Params params) {
        double threshold = params.getDouble(IOU_THRESHOLD);
        double beta = params.getDouble(BETA);
        double minScore = params.getDouble(SCORE_THRESHOLD);
        double offset = params.getInt(BOX_OFFSET);
        return group -> {
            int n = group.retainScoresAtLeast(minScore);
            group.sortByScoreDescending(n);
            group.computeAreas(offset, n);
            return suppress(group, n, threshold, beta, offset);
        };
    }

    /** {@link GreedyNms#suppress} with DIoU: only overlapping pairs can have DIoU > threshold >= 0. */
    private static int suppress(BoxGroup g, int n, double threshold, double beta, double offset) {
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
                double iw = Math.min(x2[i], jx2) - Math.max(x1[i], jx1) + offset;
                double ih = Math.min(y2[i], jy2) - Math.max(y1[i], jy1) + offset;
                double inter = Math.max(iw, 0) * Math.max(ih, 0);
                double union = area[i] + jarea - inter;
                double iou = union > 0 ? inter / union : 0;
                double cw = Math.max(x2[i], jx2) - Math.min(x1[i], jx1) + offset;
                double ch = Math.max(y2[i], jy2) - Math.min(y1[i], jy1) + offset;
                double c2 = cw * cw + ch * ch;
                double dx = (jx1 + jx2) / 2 - (x1[i] + x2[i]) / 2;
                double dy = (jy1 + jy2) / 2 - (y1[i] + y2[i]) / 2;
                double ratio = c2 > 0 ? (dx * dx + dy * dy) / c2 : 0;
                suppressed = iou - (beta == 1 ? ratio : Math.pow(ratio, beta)) > threshold;
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
