package ablate.plugins.detection.task;

import java.util.Arrays;
import java.util.List;

/**
 * FCOS training targets of a batch on an H×W grid of stride s, whose location (i, j) sits at
 * ((j + ½)s, (i + ½)s). A location is positive for a box when it lies inside the box and within
 * {@code radius}·s of the box's centre in x and in y (FCOS's centre sampling); among several such boxes the one
 * of least area wins, as in FCOS. A box that gets no location this way (too small for the grid) takes the
 * location nearest its centre if that one is still free, so every object is trained.
 *
 * @param classTargets (N, K, H, W) one-hot class of each positive location, zero elsewhere
 * @param positives    flat indices {@code (n·H + i)·W + j} of the positive locations, ascending
 * @param boxTargets   (P, 4) each positive's box relative to its location, in strides: {@code (x1 − x, y1 − y,
 *                     x2 − x, y2 − y)/s}
 * @param centreness   (P) FCOS centre-ness {@code sqrt(min(l, r)/max(l, r) · min(t, b)/max(t, b))} of each positive
 */
record FcosTargets(float[] classTargets, long[] positives, float[] boxTargets, float[] centreness) {

    static FcosTargets of(List<List<TruthBox>> batch, int classes, int height, int width, int stride, double radius) {
        int n = batch.size();
        int cells = height * width;
        float[] classTargets = new float[n * classes * cells];
        int[] owner = new int[n * cells];
        Arrays.fill(owner, -1);
        long[] positives = new long[n * cells];
        float[] boxTargets = new float[n * cells * 4];
        float[] centreness = new float[n * cells];
        int count = 0;
        for (int b = 0; b < n; b++) {
            List<TruthBox> boxes = batch.get(b);
            int base = b * cells;
            for (int k = 0; k < boxes.size(); k++) {
                TruthBox box = boxes.get(k);
                double cx = (box.x1() + box.x2()) / 2;
                double cy = (box.y1() + box.y2()) / 2;
                double reach = radius * stride;
                boolean any = false;
                for (int i = 0; i < height; i++) {
                    double y = (i + 0.5) * stride;
                    if (y <= box.y1() || y >= box.y2() || Math.abs(y - cy) >= reach) {
                        continue;
                    }
                    for (int j = 0; j < width; j++) {
                        double x = (j + 0.5) * stride;
                        if (x <= box.x1() || x >= box.x2() || Math.abs(x - cx) >= reach) {
                            continue;
                        }
                        any = true;
                        claim(owner, base + i * width + j, k, boxes);
                    }
                }
                if (!any) {
                    int i = Math.min(height - 1, Math.max(0, (int) Math.floor(cy / stride)));
                    int j = Math.min(width - 1, Math.max(0, (int) Math.floor(cx / stride)));
                    if (owner[base + i * width + j] < 0) {
                        owner[base + i * width + j] = k;
                    }
                }
            }
            for (int cell = 0; cell < cells; cell++) {
                int k = owner[base + cell];
                if (k < 0) {
                    continue;
                }
                TruthBox box = boxes.get(k);
                int i = cell / width;
                int j = cell % width;
                double x = (j + 0.5) * stride;
                double y = (i + 0.5) * stride;
                double l = (x - box.x1()) / stride;
                double t = (y - box.y1()) / stride;
                double r = (box.x2() - x) / stride;
                double bottom = (box.y2() - y) / stride;
                classTargets[(b * classes + box.classIndex()) * cells + cell] = 1;
                positives[count] = base + cell;
                boxTargets[4 * count] = (float) -l;
                boxTargets[4 * count + 1] = (float) -t;
                boxTargets[4 * count + 2] = (float) r;
                boxTargets[4 * count + 3] = (float) bottom;
                // a location outside its box (the fallback for tiny boxes) gets centre-ness 0
                double lr = Math.min(l, r) / Math.max(l, r);
                double tb = Math.min(t, bottom) / Math.max(t, bottom);
                centreness[count] = lr > 0 && tb > 0 ? (float) Math.sqrt(lr * tb) : 0f;
                count++;
            }
        }
        return new FcosTargets(classTargets, Arrays.copyOf(positives, count), Arrays.copyOf(boxTargets, 4 * count),
                Arrays.copyOf(centreness, count));
    }

    private static void claim(int[] owner, int cell, int k, List<TruthBox> boxes) {
        int current = owner[cell];
        if (current < 0 || boxes.get(k).area() < boxes.get(current).area()) {
            owner[cell] = k;
        }
    }

    int positiveCount() {
        return positives.length;
    }
}
