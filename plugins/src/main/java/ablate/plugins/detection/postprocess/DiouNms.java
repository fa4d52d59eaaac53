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

    private static int suppress(BoxGroup g, int n, double threshold, double beta, double offset) {
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
            double icx = (ix1 + ix2) / 2;
            double icy = (iy1 + iy2) / 2;
            int w = kept + 1;
            for (int j = kept + 1; j < alive; j++) {
                double iw = Math.min(ix2, x2[j]) - Math.max(ix1, x1[j]) + offset;
                double ih = Math.min(iy2, y2[j]) - Math.max(iy1, y1[j]) + offset;
                double inter = Math.max(iw, 0) * Math.max(ih, 0);
                double union = iarea + area[j] - inter;
                double iou = union > 0 ? inter / union : 0;
                double cw = Math.max(ix2, x2[j]) - Math.min(ix1, x1[j]) + offset;
                double ch = Math.max(iy2, y2[j]) - Math.min(iy1, y1[j]) + offset;
                double c2 = cw * cw + ch * ch;
                double dx = (x1[j] + x2[j]) / 2 - icx;
                double dy = (y1[j] + y2[j]) / 2 - icy;
                double ratio = c2 > 0 ? (dx * dx + dy * dy) / c2 : 0;
                double diou = iou - (beta == 1 ? ratio : Math.pow(ratio, beta));
                if (!(diou > threshold)) {
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
