package ablate.plugins.detection.task;

import ablate.metrics.detection.StableOrder;
import ablate.metrics.detection.coco.CocoAnnotation;
import ablate.metrics.detection.coco.CocoDetection;
import ablate.metrics.detection.coco.CocoEval;
import ablate.metrics.detection.coco.CocoGroundTruth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interpolated precision–recall curves at one IoU threshold, as pycocotools' {@code accumulate} builds them for
 * area "all" and 100 detections per image and category: per category, each image's detections (by score, stable,
 * first 100) matched greedily to the objects (unmatched non-crowd first, IoU ≥ threshold; a crowd region matches
 * any number of detections, which are then ignored), all images' detections (ascending image id) stably sorted by
 * score, precision made non-increasing from the back and read at the 101 recall points
 * {@link CocoEval#RECALL_THRESHOLDS}. The mean of a category's 101 values is its COCO AP at that threshold, so at
 * 0.5 the mean over categories is {@link ablate.metrics.detection.coco.CocoSummary#ap50()} (checked in the tests).
 */
final class PrecisionRecall {
    static final int MAX_DETECTIONS = 100;

    private PrecisionRecall() {
    }

    /** A category's curve: {@code precision[r]} at recall point r; null when it has no non-crowd object. */
    record Curve(long categoryId, String name, int objects, double[] precision) {
        double ap() {
            if (precision == null) {
                return -1;
            }
            double sum = 0;
            for (double p : precision) {
                sum += p;
            }
            return sum / precision.length;
        }
    }

    static List<Curve> curves(CocoGroundTruth truth, List<CocoDetection> detections, double iouThreshold) {
        double threshold = Math.min(iouThreshold, 1 - 1e-10);
        Map<Cell, List<CocoAnnotation>> objects = new HashMap<>();
        for (CocoAnnotation a : truth.annotations()) {
            objects.computeIfAbsent(new Cell(a.imageId(), a.categoryId()), k -> new ArrayList<>()).add(a);
        }
        Map<Cell, List<CocoDetection>> found = new HashMap<>();
        for (CocoDetection d : detections) {
            found.computeIfAbsent(new Cell(d.imageId(), d.categoryId()), k -> new ArrayList<>()).add(d);
        }
        List<Long> images = truth.imageIds().stream().sorted().distinct().toList();
        List<Curve> curves = new ArrayList<>();
        for (var category : truth.categories().stream().sorted(Comparator.comparingLong(c -> c.id())).toList()) {
            List<Double> scores = new ArrayList<>();
            List<Boolean> positive = new ArrayList<>();
            int counted = 0;
            for (long image : images) {
                List<CocoAnnotation> gts = new ArrayList<>(objects.getOrDefault(new Cell(image, category.id()), List.of()));
                gts.sort(Comparator.comparing(CocoAnnotation::crowd)); // stable: non-crowd objects first
                counted += (int) gts.stream().filter(g -> !g.crowd()).count();
                List<CocoDetection> dts = found.getOrDefault(new Cell(image, category.id()), List.of());
                double[] s = dts.stream().mapToDouble(CocoDetection::score).toArray();
                int[] order = StableOrder.descending(s, s.length);
                boolean[] matched = new boolean[gts.size()];
                for (int r = 0; r < Math.min(order.length, MAX_DETECTIONS); r++) {
                    CocoDetection d = dts.get(order[r]);
                    double best = threshold;
                    int m = -1;
                    for (int g = 0; g < gts.size(); g++) {
                        if (matched[g] && !gts.get(g).crowd()) {
                            continue;
                        }
                        if (m > -1 && !gts.get(m).crowd() && gts.get(g).crowd()) {
                            break;
                        }
                        double iou = iou(d, gts.get(g));
                        if (iou >= best) {
                            best = iou;
                            m = g;
                        }
                    }
                    if (m >= 0) {
                        matched[m] = true;
                        if (gts.get(m).crowd()) {
                            continue; // matched a crowd region: ignored
                        }
                    }
                    scores.add(d.score());
                    positive.add(m >= 0);
                }
            }
            curves.add(new Curve(category.id(), category.name(), counted, counted == 0 ? null
                    : interpolate(scores, positive, counted)));
        }
        return curves;
    }

    private static double[] interpolate(List<Double> scores, List<Boolean> positive, int objects) {
        int n = scores.size();
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = scores.get(i);
        }
        int[] order = StableOrder.descending(s, n);
        double[] recall = new double[n];
        double[] precision = new double[n];
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < n; i++) {
            if (positive.get(order[i])) {
                tp++;
            } else {
                fp++;
            }
            recall[i] = (double) tp / objects;
            precision[i] = tp / (fp + tp + Math.ulp(1.0));
        }
        for (int i = n - 1; i > 0; i--) {
            precision[i - 1] = Math.max(precision[i - 1], precision[i]);
        }
        double[] points = CocoEval.RECALL_THRESHOLDS;
        double[] out = new double[points.length];
        int i = 0;
        for (int r = 0; r < points.length; r++) {
            while (i < n && recall[i] < points[r]) {
                i++;
            }
            out[r] = i < n ? precision[i] : 0;
        }
        return out;
    }

    /** pycocotools' {@code maskUtils.iou} for boxes: a crowd region's IoU is intersection / detection area. */
    private static double iou(CocoDetection d, CocoAnnotation g) {
        double w = Math.min(d.x() + d.width(), g.x() + g.width()) - Math.max(d.x(), g.x());
        double h = Math.min(d.y() + d.height(), g.y() + g.height()) - Math.max(d.y(), g.y());
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        double area = d.width() * d.height();
        return inter / (g.crowd() ? area : area + g.width() * g.height() - inter);
    }

    private record Cell(long image, long category) {
    }
}
