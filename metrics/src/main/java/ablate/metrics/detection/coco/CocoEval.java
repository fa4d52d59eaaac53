package ablate.metrics.detection.coco;

import ablate.metrics.Linspace;
import ablate.metrics.NumpySum;
import ablate.metrics.detection.StableOrder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * COCO box evaluation with the numbers of pycocotools' {@code COCOeval(gt, dt, 'bbox')} and its default
 * parameters, followed by {@code evaluate(); accumulate(); summarize()}:
 * <ul>
 *   <li>every image and category listed in the ground truth is evaluated; annotations of other images or
 *       categories are skipped (as {@code getAnnIds} does); a detection of an unknown image or category is an error;</li>
 *   <li>per (image, category): detections sorted by score (stable, file order on ties) and cut to 100; box IoU as
 *       {@code maskUtils.iou} (a crowd region's IoU is intersection / detection area); greedy matching per IoU
 *       threshold in score order, a match needs IoU ≥ the threshold (capped at 1 − 1e-10), an unmatched
 *       non-crowd object is preferred, a crowd region may match any number of detections, which are then ignored;</li>
 *   <li>area ranges all / small [0, 32²] / medium [32², 96²] / large [96², 1e5²] (bounds inclusive) on the
 *       annotation's {@code area}; crowd objects and objects outside the range are ignored; unmatched detections
 *       whose box area is outside the range are ignored;</li>
 *   <li>accumulation per category, area and maxDets ∈ {1, 10, 100}: the first maxDets detections of each image,
 *       concatenated in ascending image id and stably sorted by score; precision interpolated at the 101 recall
 *       points {@code linspace(0, 1, 101)}; IoU thresholds {@code linspace(.5, .95, 10)};</li>
 *   <li>a category without any non-ignored object is left out (-1); each summary number is the mean of the
 *       defined values, summed as numpy does, or -1 when none is defined.</li>
 * </ul>
 * An empty detection list is valid (AP 0 wherever ground truth exists); pycocotools' {@code loadRes} would fail on it.
 */
public final class CocoEval {
    /** numpy's {@code linspace(.5, .95, 10)} (0.8999999999999999, not 0.9). */
    public static final double[] IOU_THRESHOLDS = Linspace.of(0.5, 0.95, 10);
    /** numpy's {@code linspace(0, 1, 101)}: i·0.01, which is not always i/100. */
    public static final double[] RECALL_THRESHOLDS = Linspace.of(0, 1, 101);
    static final int[] MAX_DETS = {1, 10, 100};
    static final double[][] AREA_RANGES = {{0, 1e10}, {0, 32 * 32}, {32 * 32, 96 * 96}, {96 * 96, 1e10}};
    private static final int T = IOU_THRESHOLDS.length;
    private static final int R = RECALL_THRESHOLDS.length;
    private static final int A = AREA_RANGES.length;
    private static final int M = MAX_DETS.length;
    private static final int MAX_DET = MAX_DETS[M - 1];
    private static final double EPS = Math.ulp(1.0);

    private CocoEval() {
    }

    public static CocoSummary evaluate(CocoGroundTruth gt, List<CocoDetection> detections) {
        long[] imageIds = gt.imageIds().stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        List<CocoCategory> categories = new ArrayList<>(gt.categories());
        categories.sort((a, b) -> Long.compare(a.id(), b.id()));
        long[] categoryIds = categories.stream().mapToLong(CocoCategory::id).distinct().toArray();
        if (categoryIds.length != categories.size()) {
            throw new IllegalArgumentException("ground truth lists a category id twice");
        }
        Map<Long, Integer> imageIndex = index(imageIds);
        Map<Long, Integer> categoryIndex = index(categoryIds);
        int images = imageIds.length;
        int cells = Math.multiplyExact(categoryIds.length, images);

        // ground truth grouped by cell = category * images + image, in file order
        List<CocoAnnotation> annotations = new ArrayList<>();
        int[] gtCell = new int[gt.annotations().size()];
        for (CocoAnnotation a : gt.annotations()) {
            Integer i = imageIndex.get(a.imageId());
            Integer k = categoryIndex.get(a.categoryId());
            if (i != null && k != null) {
                gtCell[annotations.size()] = k * images + i;
                annotations.add(a);
            }
        }
        int[] gtStart = new int[cells + 1];
        int[] gtOrder = groupByCell(gtCell, annotations.size(), gtStart);

        int[] dtCell = new int[detections.size()];
        for (int d = 0; d < detections.size(); d++) {
            CocoDetection det = detections.get(d);
            Integer i = imageIndex.get(det.imageId());
            if (i == null) {
                throw new IllegalArgumentException("detection " + d + ": image_id " + det.imageId() + " is not in the ground truth");
            }
            Integer k = categoryIndex.get(det.categoryId());
            if (k == null) {
                throw new IllegalArgumentException("detection " + d + ": category_id " + det.categoryId() + " is not in the ground truth");
            }
            if (!Double.isFinite(det.score())) {
                throw new IllegalArgumentException("detection " + d + ": score " + det.score() + " is not a finite number");
            }
            dtCell[d] = k * images + i;
        }
        int[] dtStart = new int[cells + 1];
        int[] dtOrder = groupByCell(dtCell, detections.size(), dtStart);

        int categoriesCount = categoryIds.length;
        double[][][] precision = new double[A][M][T * R * categoriesCount];
        double[][][] recall = new double[A][M][T * categoriesCount];
        for (double[][] byArea : precision) {
            for (double[] p : byArea) {
                Arrays.fill(p, -1);
            }
        }
        for (double[][] byArea : recall) {
            for (double[] r : byArea) {
                Arrays.fill(r, -1);
            }
        }
        IntStream.range(0, categoriesCount).parallel().forEach(k -> new CategoryEvaluation(k, images, categoriesCount,
                annotations, gtOrder, gtStart, detections, dtOrder, dtStart).run(precision, recall));

        double[] stats = {
                meanDefined(precision[0][2], 0, T),
                meanDefined(precision[0][2], 0, 1),
                meanDefined(precision[0][2], 5, 1),
                meanDefined(precision[1][2], 0, T),
                meanDefined(precision[2][2], 0, T),
                meanDefined(precision[3][2], 0, T),
                meanDefined(recall[0][0], 0, T),
                meanDefined(recall[0][1], 0, T),
                meanDefined(recall[0][2], 0, T),
                meanDefined(recall[1][2], 0, T),
                meanDefined(recall[2][2], 0, T),
                meanDefined(recall[3][2], 0, T)};
        List<CocoSummary.CategoryAp> perCategory = new ArrayList<>();
        double[] values = new double[T * R];
        for (int k = 0; k < categoriesCount; k++) {
            for (int tr = 0; tr < T * R; tr++) {
                values[tr] = precision[0][2][tr * categoriesCount + k];
            }
            perCategory.add(new CocoSummary.CategoryAp(categories.get(k).id(), categories.get(k).name(), meanDefined(values, 0, T)));
        }
        return CocoSummary.of(stats, perCategory);
    }

    /**
     * numpy's {@code mean(s[s > -1])} (or -1 if empty) over the threshold slice [firstT, firstT + countT) of a
     * C-ordered array whose leading dimension is the IoU threshold.
     */
    private static double meanDefined(double[] values, int firstT, int countT) {
        int stride = values.length / T;
        double[] kept = new double[stride * countT];
        int n = 0;
        for (int i = firstT * stride; i < (firstT + countT) * stride; i++) {
            if (values[i] > -1) {
                kept[n++] = values[i];
            }
        }
        return n == 0 ? -1 : NumpySum.mean(kept, 0, n);
    }

    private static Map<Long, Integer> index(long[] ids) {
        Map<Long, Integer> map = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            map.put(ids[i], i);
        }
        return map;
    }

    /** Counting sort of items 0..n-1 by cell, keeping item order inside a cell; fills start[cell..cell+1). */
    private static int[] groupByCell(int[] cell, int n, int[] start) {
        for (int i = 0; i < n; i++) {
            start[cell[i] + 1]++;
        }
        for (int c = 0; c < start.length - 1; c++) {
            start[c + 1] += start[c];
        }
        int[] next = Arrays.copyOf(start, start.length - 1);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[next[cell[i]]++] = i;
        }
        return order;
    }

    /** Evaluation and accumulation of one category over all images. */
    private static final class CategoryEvaluation {
        private final int k;
        private final int images;
        private final int categories;
        private final List<CocoAnnotation> annotations;
        private final int[] gtOrder;
        private final int[] gtStart;
        private final List<CocoDetection> detections;
        private final int[] dtOrder;
        private final int[] dtStart;

        // kept detections of this category, concatenated in image order, each image's in score order
        private double[] score;
        private int[] rank;
        private int[][] flags; // [area][det]: bit t = matched at threshold t, bit T + t = ignored at threshold t
        private int kept;
        private final int[] notIgnoredObjects = new int[A];

        CategoryEvaluation(int k, int images, int categories, List<CocoAnnotation> annotations, int[] gtOrder,
                           int[] gtStart, List<CocoDetection> detections, int[] dtOrder, int[] dtStart) {
            this.k = k;
            this.images = images;
            this.categories = categories;
            this.annotations = annotations;
            this.gtOrder = gtOrder;
            this.gtStart = gtStart;
            this.detections = detections;
            this.dtOrder = dtOrder;
            this.dtStart = dtStart;
        }

        void run(double[][][] precision, double[][][] recall) {
            int firstCell = k * images;
            int capacity = 0;
            for (int i = 0; i < images; i++) {
                capacity += Math.min(MAX_DET, dtStart[firstCell + i + 1] - dtStart[firstCell + i]);
            }
            score = new double[capacity];
            rank = new int[capacity];
            flags = new int[A][capacity];
            for (int i = 0; i < images; i++) {
                evaluateImage(firstCell + i);
            }
            accumulate(precision, recall);
        }

        private void evaluateImage(int cell) {
            int g0 = gtStart[cell];
            int gCount = gtStart[cell + 1] - g0;
            int d0 = dtStart[cell];
            int dAll = dtStart[cell + 1] - d0;
            if (gCount == 0 && dAll == 0) {
                return;
            }
            CocoAnnotation[] gts = new CocoAnnotation[gCount];
            for (int g = 0; g < gCount; g++) {
                gts[g] = annotations.get(gtOrder[g0 + g]);
            }
            double[] scores = new double[dAll];
            for (int d = 0; d < dAll; d++) {
                scores[d] = detections.get(dtOrder[d0 + d]).score();
            }
            int[] byScore = StableOrder.descending(scores, dAll);
            int dCount = Math.min(dAll, MAX_DET);
            CocoDetection[] dts = new CocoDetection[dCount];
            for (int d = 0; d < dCount; d++) {
                dts[d] = detections.get(dtOrder[d0 + byScore[d]]);
            }
            double[] ious = new double[dCount * gCount];
            for (int d = 0; d < dCount; d++) {
                for (int g = 0; g < gCount; g++) {
                    ious[d * gCount + g] = boxIou(dts[d], gts[g]);
                }
            }
            int base = kept;
            for (int d = 0; d < dCount; d++) {
                score[base + d] = dts[d].score();
                rank[base + d] = d;
            }
            kept += dCount;

            int[] order = new int[gCount];
            boolean[] ignore = new boolean[gCount];
            boolean[] matched = new boolean[gCount];
            for (int a = 0; a < A; a++) {
                double lo = AREA_RANGES[a][0];
                double hi = AREA_RANGES[a][1];
                // objects sorted with the ignored ones last (stable)
                int n = 0;
                for (int pass = 0; pass < 2; pass++) {
                    for (int g = 0; g < gCount; g++) {
                        boolean ign = gts[g].crowd() || gts[g].area() < lo || gts[g].area() > hi;
                        if (ign == (pass == 1)) {
                            order[n] = g;
                            ignore[n++] = ign;
                        }
                    }
                }
                for (int g = 0; g < gCount; g++) {
                    notIgnoredObjects[a] += ignore[g] ? 0 : 1;
                }
                int[] f = flags[a];
                for (int t = 0; t < T; t++) {
                    Arrays.fill(matched, false);
                    for (int d = 0; d < dCount; d++) {
                        double best = Math.min(IOU_THRESHOLDS[t], 1 - 1e-10);
                        int m = -1;
                        for (int j = 0; j < gCount; j++) {
                            int g = order[j];
                            if (matched[j] && !gts[g].crowd()) {
                                continue;
                            }
                            if (m > -1 && !ignore[m] && ignore[j]) {
                                break;
                            }
                            double iou = ious[d * gCount + g];
                            if (iou < best) {
                                continue;
                            }
                            best = iou;
                            m = j;
                        }
                        if (m == -1) {
                            double area = dts[d].width() * dts[d].height();
                            if (area < lo || area > hi) {
                                f[base + d] |= 1 << (T + t);
                            }
                            continue;
                        }
                        matched[m] = true;
                        f[base + d] |= 1 << t;
                        if (ignore[m]) {
                            f[base + d] |= 1 << (T + t);
                        }
                    }
                }
            }
        }

        /** {@code maskUtils.iou} for one box pair, in the same floating-point operations. */
        private static double boxIou(CocoDetection d, CocoAnnotation g) {
            double w = Math.min(d.width() + d.x(), g.width() + g.x()) - Math.max(d.x(), g.x());
            if (w <= 0) {
                return 0;
            }
            double h = Math.min(d.height() + d.y(), g.height() + g.y()) - Math.max(d.y(), g.y());
            if (h <= 0) {
                return 0;
            }
            double inter = w * h;
            double da = d.width() * d.height();
            double union = g.crowd() ? da : da + g.width() * g.height() - inter;
            return inter / union;
        }

        private void accumulate(double[][][] precision, double[][][] recall) {
            int[] byScore = StableOrder.descending(score, kept);
            double[] rc = new double[kept];
            double[] pr = new double[kept];
            for (int a = 0; a < A; a++) {
                int npig = notIgnoredObjects[a];
                if (npig == 0) {
                    continue;
                }
                int[] f = flags[a];
                for (int m = 0; m < M; m++) {
                    int maxDet = MAX_DETS[m];
                    for (int t = 0; t < T; t++) {
                        int matchBit = 1 << t;
                        int ignoreBit = 1 << (T + t);
                        double tp = 0;
                        double fp = 0;
                        int nd = 0;
                        for (int idx : byScore) {
                            if (rank[idx] >= maxDet) {
                                continue;
                            }
                            int bits = f[idx];
                            if ((bits & ignoreBit) == 0) {
                                if ((bits & matchBit) != 0) {
                                    tp++;
                                } else {
                                    fp++;
                                }
                            }
                            rc[nd] = tp / npig;
                            pr[nd] = tp / (fp + tp + EPS);
                            nd++;
                        }
                        recall[a][m][t * categories + k] = nd > 0 ? rc[nd - 1] : 0;
                        for (int i = nd - 1; i > 0; i--) {
                            if (pr[i] > pr[i - 1]) {
                                pr[i - 1] = pr[i];
                            }
                        }
                        double[] p = precision[a][m];
                        int i = 0;
                        for (int r = 0; r < R; r++) {
                            while (i < nd && rc[i] < RECALL_THRESHOLDS[r]) {
                                i++;
                            }
                            p[(t * R + r) * categories + k] = i < nd ? pr[i] : 0;
                        }
                    }
                }
            }
        }
    }
}
