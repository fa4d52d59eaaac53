package ablate.metrics.detection.voc;

import ablate.metrics.NumpySum;
import ablate.metrics.detection.BoxIoU;
import ablate.metrics.detection.StableOrder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PASCAL VOC average precision as the devkit's Python port ({@code voc_eval.py} of py-faster-rcnn and detectron2):
 * per category, detections sorted by descending score (stable: ties keep input order, where numpy's default
 * quicksort is unspecified); each is matched to the object of its image with the largest IoU (first on ties);
 * it is a TP when that IoU is strictly above the threshold and the object is not difficult and not yet taken,
 * nothing when the object is difficult, a FP otherwise. Recall = TP/positives, precision = TP/max(TP+FP, eps).
 * AP is the 11-point mean of the best precision at recall ≥ t for t = {@code np.arange(0, 1.1, 0.1)} (VOC2007)
 * or the area under the monotone precision envelope at every recall change (VOC2010+).
 * IoU uses continuous boxes unless {@code boxOffset} is 1, the devkit's pixel convention (width = x2 − x1 + 1).
 */
public final class VocAp {
    public enum Interpolation { ELEVEN_POINT, ALL_POINT }

    private static final double EPS = Math.ulp(1.0);

    private VocAp() {
    }

    public static VocResult evaluate(List<VocObject> objects, List<VocDetection> detections, List<Long> categoryIds,
                                     double iouThreshold, Interpolation interpolation, double boxOffset) {
        List<VocResult.CategoryAp> perCategory = new ArrayList<>();
        double[] defined = new double[categoryIds.size()];
        int n = 0;
        for (long category : categoryIds) {
            VocResult.CategoryAp ap = evaluateCategory(category, objects, detections, iouThreshold, interpolation, boxOffset);
            perCategory.add(ap);
            if (!Double.isNaN(ap.ap())) {
                defined[n++] = ap.ap();
            }
        }
        return new VocResult(n == 0 ? Double.NaN : NumpySum.mean(defined, 0, n), perCategory);
    }

    private static VocResult.CategoryAp evaluateCategory(long category, List<VocObject> objects, List<VocDetection> detections,
                                                         double iouThreshold, Interpolation interpolation, double boxOffset) {
        Map<Long, List<VocObject>> byImage = new HashMap<>();
        int positives = 0;
        for (VocObject o : objects) {
            if (o.categoryId() == category) {
                byImage.computeIfAbsent(o.imageId(), k -> new ArrayList<>()).add(o);
                positives += o.difficult() ? 0 : 1;
            }
        }
        Map<Long, boolean[]> taken = new HashMap<>();
        byImage.forEach((image, list) -> taken.put(image, new boolean[list.size()]));
        List<VocDetection> mine = detections.stream().filter(d -> d.categoryId() == category).toList();
        double[] scores = mine.stream().mapToDouble(VocDetection::score).toArray();
        int[] order = StableOrder.descending(scores, scores.length);
        double[] recall = new double[order.length];
        double[] precision = new double[order.length];
        double tp = 0;
        double fp = 0;
        for (int i = 0; i < order.length; i++) {
            VocDetection d = mine.get(order[i]);
            double[] box = {d.x1(), d.y1(), d.x2(), d.y2()};
            List<VocObject> candidates = byImage.getOrDefault(d.imageId(), List.of());
            double best = Double.NEGATIVE_INFINITY;
            int bestIndex = -1;
            for (int j = 0; j < candidates.size(); j++) {
                VocObject o = candidates.get(j);
                double iou = BoxIoU.iou(box, new double[]{o.x1(), o.y1(), o.x2(), o.y2()}, boxOffset);
                if (iou > best) {
                    best = iou;
                    bestIndex = j;
                }
            }
            if (best > iouThreshold) {
                if (!candidates.get(bestIndex).difficult()) {
                    boolean[] used = taken.get(d.imageId());
                    if (used[bestIndex]) {
                        fp++;
                    } else {
                        used[bestIndex] = true;
                        tp++;
                    }
                }
            } else {
                fp++;
            }
            recall[i] = tp / positives;
            precision[i] = tp / Math.max(tp + fp, EPS);
        }
        double ap = positives == 0 ? Double.NaN : averagePrecision(recall, precision, interpolation);
        return new VocResult.CategoryAp(category, positives, ap);
    }

    /** {@code voc_ap(rec, prec, use_07_metric)} of the devkit's Python port. */
    public static double averagePrecision(double[] recall, double[] precision, Interpolation interpolation) {
        if (interpolation == Interpolation.ELEVEN_POINT) {
            double ap = 0;
            for (int i = 0; i <= 10; i++) {
                double t = i * 0.1;
                double p = 0;
                for (int j = 0; j < recall.length; j++) {
                    if (recall[j] >= t) {
                        p = Math.max(p, precision[j]);
                    }
                }
                ap = ap + p / 11;
            }
            return ap;
        }
        int n = recall.length;
        double[] mrec = new double[n + 2];
        double[] mpre = new double[n + 2];
        System.arraycopy(recall, 0, mrec, 1, n);
        System.arraycopy(precision, 0, mpre, 1, n);
        mrec[n + 1] = 1;
        for (int i = n + 1; i > 0; i--) {
            mpre[i - 1] = Math.max(mpre[i - 1], mpre[i]);
        }
        double[] areas = new double[n + 1];
        int k = 0;
        for (int i = 0; i < n + 1; i++) {
            if (mrec[i + 1] != mrec[i]) {
                areas[k++] = (mrec[i + 1] - mrec[i]) * mpre[i + 1];
            }
        }
        return NumpySum.sum(areas, 0, k);
    }
}
