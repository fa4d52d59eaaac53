package ablate.metrics.segmentation;

import ablate.metrics.classification.ConfusionMatrix;

/**
 * Semantic-segmentation scores from one accumulated confusion matrix. Per class c with TP, FP, FN:
 * accuracy (recall) = TP/(TP+FN), IoU = TP/(TP+FP+FN), Dice = 2TP/(2TP+FP+FN). A 0/0 value (IoU or Dice of a class
 * absent from both maps, accuracy of a class without ground-truth pixels) is NaN — written as JSON null — and left
 * out of the means. pixelAccuracy = ΣTP / counted pixels; fwIoU = Σ_c (ground-truth pixels of c / counted pixels)·IoU_c.
 * With no counted pixel every value is NaN.
 */
public record SegmentationMetrics(double pixelAccuracy, double meanPixelAccuracy, double mIoU, double fwIoU,
                                  double meanDice, double[] iou, double[] dice, double[] accuracy) {

    static SegmentationMetrics of(SegmentationConfusion confusion) {
        ConfusionMatrix m = confusion.matrix();
        int classes = m.classes();
        double[] iou = new double[classes];
        double[] dice = new double[classes];
        double[] accuracy = new double[classes];
        long counted = 0;
        long correct = 0;
        long[] truthPixels = new long[classes];
        for (int c = 0; c < classes; c++) {
            long tp = m.count(c, c);
            truthPixels[c] = m.support(c) + confusion.unpredicted(c);
            long fn = truthPixels[c] - tp;
            long fp = m.predicted(c) - tp;
            counted += truthPixels[c];
            correct += tp;
            iou[c] = ratio(tp, tp + fp + fn);
            dice[c] = ratio(2 * tp, 2 * tp + fp + fn);
            accuracy[c] = ratio(tp, tp + fn);
        }
        double fw = Double.NaN;
        if (counted > 0) {
            fw = 0;
            for (int c = 0; c < classes; c++) {
                if (truthPixels[c] > 0) {
                    fw += (double) truthPixels[c] / counted * iou[c];
                }
            }
        }
        return new SegmentationMetrics(ratio(correct, counted), meanDefined(accuracy), meanDefined(iou), fw,
                meanDefined(dice), iou, dice, accuracy);
    }

    private static double ratio(long num, long den) {
        return den == 0 ? Double.NaN : (double) num / den;
    }

    private static double meanDefined(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
