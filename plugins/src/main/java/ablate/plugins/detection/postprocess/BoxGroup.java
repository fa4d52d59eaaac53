package ablate.plugins.detection.postprocess;

import ablate.plugins.detection.Detections;

/**
 * The boxes of one (image, category) group in scratch arrays that a {@link GroupKernel} reorders in place.
 * Entry {@code k} is box {@code (x1[k], y1[k], x2[k], y2[k])} with {@code score[k]}, taken from input
 * detection {@code index[k]}; {@code area[k]} is filled by {@link #computeAreas}. One instance is reused for
 * every group of a call.
 */
final class BoxGroup {
    double[] x1;
    double[] y1;
    double[] x2;
    double[] y2;
    double[] score;
    double[] area;
    int[] index;
    int size;
    /** Scratch for kernels: a spatial index and room for one query's answer. */
    final SpatialGrid grid = new SpatialGrid();
    final int[] candidates;

    private int[] order;
    private int[] orderScratch;
    private double[] doubleScratch;
    private int[] intScratch;

    BoxGroup(int capacity) {
        x1 = new double[capacity];
        y1 = new double[capacity];
        x2 = new double[capacity];
        y2 = new double[capacity];
        score = new double[capacity];
        area = new double[capacity];
        index = new int[capacity];
        candidates = new int[capacity];
        order = new int[capacity];
        orderScratch = new int[capacity];
        doubleScratch = new double[capacity];
        intScratch = new int[capacity];
    }

    /** Loads input detections {@code members[from..to)} in that order. */
    void load(Detections d, int[] members, int from, int to) {
        size = to - from;
        for (int k = 0; k < size; k++) {
            int i = members[from + k];
            x1[k] = d.x1(i);
            y1[k] = d.y1(i);
            x2[k] = d.x2(i);
            y2[k] = d.y2(i);
            score[k] = d.score(i);
            index[k] = i;
        }
    }

    /**
     * Drops the entries scoring below {@code minScore} and sorts the rest by descending score (stably),
     * computing their areas with {@code offset}; returns how many remain.
     */
    int prepare(double minScore, double offset) {
        int w = 0;
        for (int k = 0; k < size; k++) {
            if (score[k] >= minScore) {
                move(k, w++);
            }
        }
        size = w;
        sortByScoreDescending(size);
        computeAreas(offset);
        return size;
    }

    /** {@code area[k] = (x2 - x1 + offset) * (y2 - y1 + offset)}. */
    void computeAreas(double offset) {
        for (int k = 0; k < size; k++) {
            area[k] = (x2[k] - x1[k] + offset) * (y2[k] - y1[k] + offset);
        }
    }

    /**
     * IoU of entries i and j, with i the better box, in torchvision's arithmetic and order (its
     * {@code std::max(a, b)} is {@code a < b ? b : a}), which is also that of the Soft-NMS code; needs
     * {@link #computeAreas}. Positive exactly when the boxes overlap; NaN when both areas are 0.
     */
    double iou(int i, int j, double offset) {
        double xx1 = x1[i] < x1[j] ? x1[j] : x1[i];
        double yy1 = y1[i] < y1[j] ? y1[j] : y1[i];
        double xx2 = x2[j] < x2[i] ? x2[j] : x2[i];
        double yy2 = y2[j] < y2[i] ? y2[j] : y2[i];
        double iw = xx2 - xx1 + offset;
        double ih = yy2 - yy1 + offset;
        double inter = (0 < iw ? iw : 0) * (0 < ih ? ih : 0);
        return inter / (area[i] + area[j] - inter);
    }

    /** Copies entry {@code from} over entry {@code to} (areas included). */
    void move(int from, int to) {
        x1[to] = x1[from];
        y1[to] = y1[from];
        x2[to] = x2[from];
        y2[to] = y2[from];
        score[to] = score[from];
        area[to] = area[from];
        index[to] = index[from];
    }

    /**
     * Sorts the first {@code count} entries by score, highest first; equal scores keep their order (a stable
     * sort, as torchvision's {@code scores.sort(stable=True, descending=True)}).
     */
    void sortByScoreDescending(int count) {
        boolean sorted = true;
        for (int k = 1; k < count && sorted; k++) {
            sorted = !(score[k - 1] < score[k]);
        }
        if (sorted) {
            return;
        }
        for (int k = 0; k < count; k++) {
            order[k] = k;
        }
        mergeSort(order, orderScratch, 0, count);
        reorder(order, count);
    }

    /** Makes entries {@code [0, count)} the entries {@code from[0], from[1], ...} (distinct indices). */
    void reorder(int[] from, int count) {
        permute(x1, from, count);
        permute(y1, from, count);
        permute(x2, from, count);
        permute(y2, from, count);
        permute(score, from, count);
        permute(area, from, count);
        for (int k = 0; k < count; k++) {
            intScratch[k] = index[from[k]];
        }
        System.arraycopy(intScratch, 0, index, 0, count);
    }

    private void permute(double[] v, int[] from, int count) {
        for (int k = 0; k < count; k++) {
            doubleScratch[k] = v[from[k]];
        }
        System.arraycopy(doubleScratch, 0, v, 0, count);
    }

    /** Stable merge sort of {@code a[from..to)} by descending {@code score}; {@code tmp} is scratch space. */
    private void mergeSort(int[] a, int[] tmp, int from, int to) {
        if (to - from <= 24) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                double s = score[v];
                int j = i - 1;
                while (j >= from && score[a[j]] < s) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid);
        mergeSort(a, tmp, mid, to);
        if (!(score[a[mid - 1]] < score[a[mid]])) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && !(score[tmp[i]] < score[tmp[j]]))) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }
}
