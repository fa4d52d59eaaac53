package ablate.plugins.detection.postprocess;

import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;

import java.util.List;

/**
 * Matrix NMS (SOLOv2, Wang et al. 2020) on boxes, in one parallel step instead of a sequential loop. With
 * the boxes sorted by descending score (stably), box j's score is multiplied by
 * {@code decay_j = min_{i<j} f(IoU_ij) / f(comp_i)}, where {@code comp_i = max_{k<i} IoU_ki} is how much
 * box i is itself overlapped by a better box, and f is the Gaussian kernel {@code exp(-σ·IoU²)} or the
 * linear one {@code 1 - IoU} (the first box keeps its score). Boxes whose decayed score is below the
 * threshold are dropped; the rest come out by decayed score. A linear 0/0 ratio (a box identical to an
 * already fully overlapped one), NaN in SOLOv2's tensor code, is skipped here.
 */
public final class MatrixNms extends ClasswisePostprocessor {
    public static final String ID = "postprocess.matrix";
    public static final double DEFAULT_SIGMA = 2.0;
    public static final double DEFAULT_SCORE_THRESHOLD = 0.001;
    public static final String GAUSSIAN = "gaussian";
    public static final String LINEAR = "linear";

    public MatrixNms() {
        super(PluginInfo.of(ID, SLOT, "Matrix NMS: decay every score at once by its overlaps, then threshold",
                "X. Wang, R. Zhang, T. Kong, L. Li, C. Shen. SOLOv2: Dynamic and Fast Instance Segmentation. "
                        + "NeurIPS 2020",
                null,
                Param.choice(KERNEL, GAUSSIAN, List.of(GAUSSIAN, LINEAR),
                        "decay kernel: gaussian exp(-sigma*IoU^2) or linear 1 - IoU"),
                Param.real(SIGMA, DEFAULT_SIGMA, 1e-6, 100, "sigma of the Gaussian kernel exp(-sigma*IoU^2)"),
                scoreThreshold(DEFAULT_SCORE_THRESHOLD,
                        "boxes whose decayed score is below this are dropped (SOLOv2 uses 0.05 on masks)"),
                boxOffset()));
    }

    @Override
    GroupKernel kernel(Params params) {
        boolean gaussian = params.getString(KERNEL).equals(GAUSSIAN);
        double sigma = params.getDouble(SIGMA);
        double scoreThreshold = params.getDouble(SCORE_THRESHOLD);
        double offset = params.getInt(BOX_OFFSET);
        return group -> {
            int n = group.prepare(Double.NEGATIVE_INFINITY, offset);
            double[] decay = decay(group, n, gaussian, sigma, offset);
            int kept = 0;
            for (int j = 0; j < n; j++) {
                double s = group.score[j] * decay[j];
                if (s >= scoreThreshold) {
                    group.move(j, kept);
                    group.score[kept++] = s;
                }
            }
            group.sortByScoreDescending(kept);
            return kept;
        };
    }

    /** Only earlier boxes overlapping box j change its decay (IoU 0 gives a ratio of at least 1). */
    private static double[] decay(BoxGroup g, int n, boolean gaussian, double sigma, double offset) {
        double[] x1 = g.x1;
        double[] y1 = g.y1;
        double[] x2 = g.x2;
        double[] y2 = g.y2;
        int[] near = g.candidates;
        SpatialGrid grid = g.grid;
        grid.reset(g, n, offset);
        double[] compensation = new double[n]; // f(comp_i)
        double[] decay = new double[n];
        for (int j = 0; j < n; j++) {
            double maxIou = 0;
            // Row 0 (comp_0 = 0) gives f(IoU_0j) <= 1 and rows without overlap give 1 / f(comp_i) >= 1: start at 1.
            double d = 1;
            int count = grid.query(x1[j] - offset, y1[j] - offset, x2[j] + offset, y2[j] + offset, near);
            for (int q = 0; q < count; q++) {
                int i = near[q];
                double iou = g.iou(i, j, offset);
                if (!(iou > 0)) {
                    continue;
                }
                maxIou = Math.max(maxIou, iou);
                double ratio = (gaussian ? Math.exp(-sigma * (iou * iou)) : 1 - iou) / compensation[i];
                if (ratio < d) {
                    d = ratio;
                }
            }
            compensation[j] = gaussian ? Math.exp(-sigma * (maxIou * maxIou)) : 1 - maxIou;
            decay[j] = d;
            grid.insert(j, x1[j], y1[j], x2[j], y2[j]);
        }
        return decay;
    }
}
