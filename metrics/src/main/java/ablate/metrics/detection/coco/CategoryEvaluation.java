package ablate.metrics.detection.coco;

import ablate.metrics.detection.StableOrder;

import java.util.Arrays;

import static ablate.metrics.detection.coco.CocoEval.A;
import static ablate.metrics.detection.coco.CocoEval.AREA_RANGES;
import static ablate.metrics.detection.coco.CocoEval.EPS;
import static ablate.metrics.detection.coco.CocoEval.IOU_THRESHOLDS;
import static ablate.metrics.detection.coco.CocoEval.M;
import static ablate.metrics.detection.coco.CocoEval.MAX_DET;
import static ablate.metrics.detection.coco.CocoEval.MAX_DETS;
import static ablate.metrics.detection.coco.CocoEval.R;
import static ablate.metrics.detection.coco.CocoEval.RECALL_THRESHOLDS;
import static ablate.metrics.detection.coco.CocoEval.T;

/** Evaluation and accumulation of one category over all images. */
final class CategoryEvaluation {
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
