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
        GreedyNms.Overlap diou = (g, i, j, off) -> diou(g, i, j, off, beta);
        return group -> GreedyNms.suppress(group, group.prepare(minScore, offset), threshold, diou, offset);
    }

    /** IoU minus (ρ²/c²)^β; at most 0 for disjoint boxes (NaN for two zero-area boxes, never above a threshold). */
    private static double diou(BoxGroup g, int i, int j, double offset, double beta) {
        double cw = Math.max(g.x2[i], g.x2[j]) - Math.min(g.x1[i], g.x1[j]) + offset;
        double ch = Math.max(g.y2[i], g.y2[j]) - Math.min(g.y1[i], g.y1[j]) + offset;
        double c2 = cw * cw + ch * ch;
        double dx = (g.x1[j] + g.x2[j]) / 2 - (g.x1[i] + g.x2[i]) / 2;
        double dy = (g.y1[j] + g.y2[j]) / 2 - (g.y1[i] + g.y2[i]) / 2;
        double ratio = c2 > 0 ? (dx * dx + dy * dy) / c2 : 0;
        return g.iou(i, j, offset) - (beta == 1 ? ratio : Math.pow(ratio, beta));
    }
}
