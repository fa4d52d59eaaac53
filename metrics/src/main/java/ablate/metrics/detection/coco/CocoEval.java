package ablate.metrics.detection.coco;

import ablate.metrics.Linspace;
import ablate.metrics.NumpySum;
import ablate.metrics.detection.StableOrder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        int images = imageIds.length;
        int cells = Math.multiplyExact(categoryIds.length, images);

        // ground truth grouped by cell = category * images + image, in file order
        List<CocoAnnotation> annotations = new ArrayList<>();
        int[] gtCell = new int[gt.annotations().size()];
        for (CocoAnnotation a : gt.annotations()) {
            int i = Arrays.binarySearch(imageIds, a.imageId());
            int k = Arrays.binarySearch(categoryIds, a.categoryId());
            if (i >= 0 && k >= 0) {
                gtCell[annotations.size()] = k * images + i;
                annotations.add(a);
            }
        }
        int[] gtStart = new int[cells + 1];
        int[] gtOrder = groupByCell(gtCell, annotations.size(), gtStart);

        int[] dtCell = new int[detections.size()];
        for (int d = 0; d < detections.size(); d++) {
            CocoDetection det = detections.get(d);
            int i = Arrays.binarySearch(imageIds, det.imageId());
            if (i < 0) {
                throw new IllegalArgumentException("detection " + d + ": image_id " + det.imageId() + " is not in the ground truth");
            }
            int k = Arrays.binarySearch(categoryIds, det.categoryId());
            if (k < 0) {
                throw new IllegalArgumentException("detection " + d + ": category_id " + det.categoryId() + " is not in the ground truth");
            }
            if (!Double.isFinite(det.score())) {
                throw new IllegalArgumentException("detection " + d + ": score " + det.score() + " is not a finite number");
            }
            dtCell[d] = k * images + i;
        }
        int[] dtStart = new int[cells + 1];
        int[] dtOrder = groupByCell(dtCell, detections.size(), dtStart);

        Boxes gtBoxes = new Boxes(annotations.size());
        int[] gtSlot = inverse(gtOrder);
        for (int g = 0; g < annotations.size(); g++) {
            CocoAnnotation a = annotations.get(g);
            gtBoxes.set(gtSlot[g], a.x(), a.y(), a.width(), a.height(), a.area());
            gtBoxes.crowd[gtSlot[g]] = a.crowd();
        }
        Boxes dtBoxes = new Boxes(detections.size());
        int[] dtSlot = inverse(dtOrder);
        for (int d = 0; d < detections.size(); d++) {
            CocoDetection det = detections.get(d);
            dtBoxes.set(dtSlot[d], det.x(), det.y(), det.width(), det.height(), det.score());
        }

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
                gtBoxes, gtStart, dtBoxes, dtStart).run(precision, recall));

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

    private static int[] inverse(int[] order) {
        int[] slot = new int[order.length];
        for (int p = 0; p < order.length; p++) {
            slot[order[p]] = p;
        }
        return slot;
    }

    /**
     * Boxes in cell order as parallel arrays (a detection's {@code extra} is its score, an object's its area),
     * so that a category's work reads contiguous memory.
     */
    private static final class Boxes {
        final double[] x;
        final double[] y;
        final double[] w;
        final double[] h;
        final double[] extra;
        final boolean[] crowd;

        Boxes(int n) {
            x = new double[n];
            y = new double[n];
            w = new double[n];
            h = new double[n];
            extra = new double[n];
            crowd = new boolean[n];
        }

        void set(int i, double x, double y, double w, double h, double extra) {
            this.x[i] = x;
            this.y[i] = y;
            this.w[i] = w;
            this.h[i] = h;
            this.extra[i] = extra;
        }
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
        private static final int ALL_IGNORED = ((1 << T) - 1) << T;
        private final int k;
        private final int images;
        private final int categories;
        private final Boxes gts;
        private final int[] gtStart;
        private final Boxes dts;
        private final int[] dtStart;

        // kept detections of this category, concatenated in image order, each image's in score order
        private double[] score;
        private int[] rank;
        private int[][] flags; // [area][det]: bit t = matched at threshold t, bit T + t = ignored at threshold t
        private int kept;
        private final int[] notIgnoredObjects = new int[A];

        // per-image buffers, grown on demand
        private int[] order = new int[16];
        private boolean[] ignore = new boolean[16];
        private boolean[] matched = new boolean[16];
        private double[] dArea = new double[16];
        private double[] ious = new double[256];

        CategoryEvaluation(int k, int images, int categories, Boxes gts, int[] gtStart, Boxes dts, int[] dtStart) {
            this.k = k;
            this.images = images;
            this.categories = categories;
            this.gts = gts;
            this.gtStart = gtStart;
            this.dts = dts;
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
            if (order.length < gCount) {
                int n = Math.max(gCount, 2 * order.length);
                order = new int[n];
                ignore = new boolean[n];
                matched = new boolean[n];
            }
            // detections of one cell are contiguous: sort them by score, keep the first 100
            int[] byScore = StableOrder.descending(java.util.Arrays.copyOfRange(dts.extra, d0, d0 + dAll), dAll);
            int dCount = Math.min(dAll, MAX_DET);
            int base = kept;
            kept += dCount;
            if (ious.length < dCount * gCount) {
                ious = new double[Math.max(dCount * gCount, 2 * ious.length)];
            }
            if (dArea.length < dCount) {
                dArea = new double[Math.max(dCount, 2 * dArea.length)];
            }
            for (int d = 0; d < dCount; d++) {
                int det = d0 + byScore[d];
                score[base + d] = dts.extra[det];
                rank[base + d] = d;
                dArea[d] = dts.w[det] * dts.h[det];
                for (int g = 0; g < gCount; g++) {
                    ious[d * gCount + g] = boxIou(det, g0 + g);
                }
            }
            for (int a = 0; a < A; a++) {
                double lo = AREA_RANGES[a][0];
                double hi = AREA_RANGES[a][1];
                int[] f = flags[a];
                // objects sorted with the ignored ones last (stable)
                int n = 0;
                for (int pass = 0; pass < 2; pass++) {
                    for (int g = 0; g < gCount; g++) {
                        int o = g0 + g;
                        boolean ign = gts.crowd[o] || gts.extra[o] < lo || gts.extra[o] > hi;
                        if (ign == (pass == 1)) {
                            order[n] = g;
                            ignore[n++] = ign;
                        }
                    }
                }
                for (int g = 0; g < gCount; g++) {
                    notIgnoredObjects[a] += ignore[g] ? 0 : 1;
                }
                if (gCount == 0) {
                    for (int d = 0; d < dCount; d++) {
                        if (dArea[d] < lo || dArea[d] > hi) {
                            f[base + d] = ALL_IGNORED;
                        }
                    }
                    continue;
                }
                for (int t = 0; t < T; t++) {
                    java.util.Arrays.fill(matched, 0, gCount, false);
                    for (int d = 0; d < dCount; d++) {
                        double best = Math.min(IOU_THRESHOLDS[t], 1 - 1e-10);
                        int m = -1;
                        int row = d * gCount;
                        for (int j = 0; j < gCount; j++) {
                            int g = order[j];
                            if (matched[j] && !gts.crowd[g0 + g]) {
                                continue;
                            }
                            if (m > -1 && !ignore[m] && ignore[j]) {
                                break;
                            }
                            double iou = ious[row + g];
                            if (iou < best) {
                                continue;
                            }
                            best = iou;
                            m = j;
                        }
                        if (m == -1) {
                            if (dArea[d] < lo || dArea[d] > hi) {
                                f[base + d] |= 1 << (T + t);
                            }
                            continue;
                        }
                        matched[m] = true;
                        f[base + d] |= ignore[m] ? (1 << t) | (1 << (T + t)) : 1 << t;
                    }
                }
            }
        }

        /** {@code maskUtils.iou} of detection d and object g, in the same floating-point operations. */
        private double boxIou(int d, int g) {
            double dx = dts.x[d];
            double dy = dts.y[d];
            double dw = dts.w[d];
            double dh = dts.h[d];
            double w = Math.min(dw + dx, gts.w[g] + gts.x[g]) - Math.max(dx, gts.x[g]);
            if (w <= 0) {
                return 0;
            }
            double h = Math.min(dh + dy, gts.h[g] + gts.y[g]) - Math.max(dy, gts.y[g]);
            if (h <= 0) {
                return 0;
            }
            double inter = w * h;
            double da = dw * dh;
            double union = gts.crowd[g] ? da : da + gts.w[g] * gts.h[g] - inter;
            return inter / union;
        }

        /**
         * pycocotools' accumulate for this category. Precision is computed only where a TP raises the recall: between
         * two TPs the precision can only fall (FP) or stay (ignored), and the first index whose recall reaches a
         * recall point is a TP (or index 0 for the point 0), so the envelope read at the recall points equals the
         * running maximum, from the back, of the precisions at TPs — the same doubles numpy computes there.
         */
        private void accumulate(double[][][] precision, double[][][] recall) {
            int[] byScore = StableOrder.descending(score, kept);
            int[] sortedRank = new int[kept];
            int[] sortedFlags = new int[kept];
            int[] tp = new int[T];
            int[] fp = new int[T];
            double[][] tpRecall = new double[T][];
            double[][] tpPrecision = new double[T][];
            int[] tps = new int[T];
            for (int i = 0; i < kept; i++) {
                sortedRank[i] = rank[byScore[i]];
            }
            for (int a = 0; a < A; a++) {
                int npig = notIgnoredObjects[a];
                if (npig == 0) {
                    continue;
                }
                int[] f = flags[a];
                for (int i = 0; i < kept; i++) {
                    sortedFlags[i] = f[byScore[i]];
                }
                for (int t = 0; t < T; t++) {
                    if (tpRecall[t] == null || tpRecall[t].length < npig) {
                        tpRecall[t] = new double[npig];
                        tpPrecision[t] = new double[npig];
                    }
                }
                for (int m = 0; m < M; m++) {
                    int maxDet = MAX_DETS[m];
                    java.util.Arrays.fill(tp, 0);
                    java.util.Arrays.fill(fp, 0);
                    java.util.Arrays.fill(tps, 0);
                    int nd = 0;
                    for (int i = 0; i < kept; i++) {
                        if (sortedRank[i] >= maxDet) {
                            continue;
                        }
                        nd++;
                        int bits = sortedFlags[i];
                        if ((bits & ALL_IGNORED) == ALL_IGNORED) {
                            continue;
                        }
                        for (int t = 0; t < T; t++) {
                            if ((bits & (1 << (T + t))) != 0) {
                                continue;
                            }
                            if ((bits & (1 << t)) != 0) {
                                double hits = ++tp[t];
                                tpRecall[t][tps[t]] = hits / npig;
                                tpPrecision[t][tps[t]++] = hits / (fp[t] + hits + EPS);
                            } else {
                                fp[t]++;
                            }
                        }
                    }
                    for (int t = 0; t < T; t++) {
                        recall[a][m][t * categories + k] = nd > 0 ? (double) tp[t] / npig : 0;
                        double[] rc = tpRecall[t];
                        double[] pr = tpPrecision[t];
                        int n = tps[t];
                        for (int i = n - 1; i > 0; i--) {
                            if (pr[i] > pr[i - 1]) {
                                pr[i - 1] = pr[i];
                            }
                        }
                        double[] p = precision[a][m];
                        // recall point 0 reads index 0 of the full list: the best precision anywhere (0 without a TP)
                        int i = 0;
                        for (int r = 0; r < R; r++) {
                            while (i < n && rc[i] < RECALL_THRESHOLDS[r]) {
                                i++;
                            }
                            p[(t * R + r) * categories + k] = i < n ? pr[i] : 0;
                        }
                    }
                }
            }
        }
    }
}
