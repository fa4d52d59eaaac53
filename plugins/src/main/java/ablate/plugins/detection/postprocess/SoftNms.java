package ablate.plugins.detection.postprocess;

import ablate.harness.spi.Claim;
import ablate.harness.spi.PluginInfo;

/**
 * Soft-NMS as in the code released with Bodla et al. 2017 ({@code cpu_soft_nms}, bharatsingh430/soft-nms):
 * repeatedly swap the highest remaining score to the front (the first such box on ties), then multiply the
 * score of every remaining box that overlaps it (IoU > 0) by a weight and drop the box, swapping the last one
 * into its place, if the new score is below the threshold. A box that never overlaps a kept box keeps its
 * score, whatever it is. The released code works in float32 with a fixed +1 pixel offset; this one works in
 * double, with the offset a parameter.
 */
abstract class SoftNms extends ClasswisePostprocessor {
    public static final double DEFAULT_SCORE_THRESHOLD = 0.001;
    static final String CITATION = "N. Bodla, B. Singh, R. Chellappa, L. S. Davis. Soft-NMS -- Improving Object "
            + "Detection With One Line of Code. ICCV 2017";
    static final Claim CLAIM = Claim.raises("mAP", "Soft-NMS instead of greedy NMS raises mAP by 1.7 points for "
            + "R-FCN and Faster R-CNN on PASCAL VOC 2007 and by 1.3 (R-FCN) and 1.1 (Faster R-CNN) on MS-COCO, "
            + "with no retraining; gains grow with crowding (Bodla et al. 2017)");

    SoftNms(PluginInfo info) {
        super(info);
    }

    /** The weight of a box at IoU {@code iou} (> 0) with the box just kept. */
    @FunctionalInterface
    interface Weight {
        double of(double iou);
    }

    static int run(BoxGroup g, Weight weight, double scoreThreshold, double offset) {
        g.computeAreas(offset);
        double[] score = g.score;
        int n = g.size;
        for (int i = 0; i < n; i++) {
            int maxPos = i;
            double maxScore = score[i];
            for (int pos = i + 1; pos < n; pos++) {
                if (maxScore < score[pos]) {
                    maxScore = score[pos];
                    maxPos = pos;
                }
            }
            g.swap(i, maxPos);
            for (int pos = i + 1; pos < n; pos++) {
                double iou = g.iou(i, pos, offset);
                if (iou > 0) {
                    score[pos] = weight.of(iou) * score[pos];
                    if (score[pos] < scoreThreshold) {
                        g.move(n - 1, pos);
                        n--;
                        pos--;
                    }
                }
            }
        }
        return n;
    }
}
