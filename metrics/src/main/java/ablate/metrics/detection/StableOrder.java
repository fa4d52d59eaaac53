package ablate.metrics.detection;

/** Stable orderings of primitive keys, as numpy's {@code argsort(kind='mergesort')}. */
public final class StableOrder {
    private StableOrder() {
    }

    /**
     * Indices 0..n-1 ordered by descending {@code keys[i]}; equal keys keep their index order (numpy's stable
     * {@code argsort(-keys)}; -0.0 and 0.0 are equal). Keys must not be NaN.
     */
    public static int[] descending(double[] keys, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (n <= 16) {
            for (int i = 1; i < n; i++) {
                int item = order[i];
                int j = i - 1;
                while (j >= 0 && keys[item] > keys[order[j]]) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = item;
            }
            return order;
        }
        int[] buffer = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int out = lo;
                while (i < mid && j < hi) {
                    buffer[out++] = keys[order[j]] > keys[order[i]] ? order[j++] : order[i++];
                }
                while (i < mid) {
                    buffer[out++] = order[i++];
                }
                while (j < hi) {
                    buffer[out++] = order[j++];
                }
            }
            int[] swap = order;
            order = buffer;
            buffer = swap;
        }
        return order;
    }
}
