package ablate.metrics.detection.coco;

import ablate.metrics.Linspace;
import ablate.metrics.NumpySum;

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
    static final int T = IOU_THRESHOLDS.length;
    static final int R = RECALL_THRESHOLDS.length;
    static final int A = AREA_RANGES.length;
    static final int M = MAX_DETS.length;
    static final int MAX_DET = MAX_DETS[M - 1];
    static final double EPS = Math.ulp(1.0);

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
}
