package ablate.metrics.segmentation;

/**
 * Dice on small objects only, pooled over a test set. An object is a 4-connected component of ground-truth pixels
 * of one class (other than the background class and the ignore index); it is small when its area is below the
 * threshold. Over all small objects: TP = object pixels predicted as the object's class, FN = object pixels
 * predicted otherwise, FP = pixels inside the object's bounding box that belong to no ground-truth object of that
 * class yet are predicted as it (ignored pixels excepted); Dice = 2TP / (2TP + FP + FN). Pooling the counts (rather
 * than averaging per-object scores) follows the one-confusion-matrix convention of the other scores. NaN (JSON
 * null) when the set has no small object.
 */
public final class SmallObjectDice {
    private final int areaThreshold;
    private final int background;
    private final int ignoreIndex;
    private long tp;
    private long fp;
    private long fn;
    private long objects;

    /**
     * @param areaThreshold objects with fewer pixels than this count
     * @param background    the class id that is not an object (usually 0)
     */
    public SmallObjectDice(int areaThreshold, int background, int ignoreIndex) {
        if (areaThreshold < 1) {
            throw new IllegalArgumentException("area threshold must be >= 1, got " + areaThreshold);
        }
        this.areaThreshold = areaThreshold;
        this.background = background;
        this.ignoreIndex = ignoreIndex;
    }

    /** Adds one image's label maps, row-major, {@code width} pixels a row. */
    public void add(int[] truth, int[] prediction, int width) {
        if (truth.length != prediction.length || width < 1 || truth.length % width != 0) {
            throw new IllegalArgumentException("label maps of " + truth.length + " and " + prediction.length
                    + " pixels do not make one image " + width + " pixels wide");
        }
        int height = truth.length / width;
        int[] component = new int[truth.length];      // 0 = not yet visited
        int[] stack = new int[truth.length];
        int next = 0;
        for (int start = 0; start < truth.length; start++) {
            int c = truth[start];
            if (component[start] != 0 || c == background || c == ignoreIndex) {
                continue;
            }
            next++;
            int top = 0;
            int area = 0;
            int x0 = width;
            int y0 = height;
            int x1 = -1;
            int y1 = -1;
            stack[top++] = start;
            component[start] = next;
            long hit = 0;
            while (top > 0) {
                int i = stack[--top];
                area++;
                int x = i % width;
                int y = i / width;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
                if (prediction[i] == c) {
                    hit++;
                }
                int[] neighbours = {x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, y > 0 ? i - width : -1,
                        y < height - 1 ? i + width : -1};
                for (int n : neighbours) {
                    if (n >= 0 && component[n] == 0 && truth[n] == c) {
                        component[n] = next;
                        stack[top++] = n;
                    }
                }
            }
            if (area >= areaThreshold) {
                continue;
            }
            objects++;
            tp += hit;
            fn += area - hit;
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    int i = y * width + x;
                    if (prediction[i] == c && truth[i] != c && truth[i] != ignoreIndex) {
                        fp++;
                    }
                }
            }
        }
    }

    /** Small objects seen so far. */
    public long objects() {
        return objects;
    }

    public double dice() {
        long den = 2 * tp + fp + fn;
        return den == 0 ? Double.NaN : 2.0 * tp / den;
    }
}
