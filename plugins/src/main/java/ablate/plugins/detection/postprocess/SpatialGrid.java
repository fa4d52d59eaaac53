package ablate.plugins.detection.postprocess;

import java.util.Arrays;

/**
 * A uniform grid over the boxes of one group that finds the inserted boxes which may overlap a query box.
 * Greedy, DIoU, weighted and Matrix NMS only ever act on overlapping pairs (IoU > threshold >= 0 needs a
 * positive intersection, and so does a DIoU above it), so testing the grid's candidates instead of every
 * earlier box gives the same result, pair for pair, at a cost that grows with the local density instead of
 * the group size. Cells are about one mean box wide; boxes covering many cells go to a list checked always.
 */
final class SpatialGrid {
    private static final int SMALL_GROUP = 32;
    private static final int MAX_CELLS_PER_BOX = 64;

    private double minX;
    private double minY;
    private double cellsPerUnitX;
    private double cellsPerUnitY;
    private int cols;
    private int rows;
    private int[] head = new int[1];
    private int[] next = new int[16];
    private int[] item = new int[16];
    private int entries;
    private int[] wide = new int[16];
    private int wideCount;
    private int[] seen = new int[16];
    private int stamp;

    /** Empties the grid and sizes it for the first {@code n} boxes of {@code g}. */
    void reset(BoxGroup g, int n, double offset) {
        double loX = Double.POSITIVE_INFINITY;
        double loY = Double.POSITIVE_INFINITY;
        double hiX = Double.NEGATIVE_INFINITY;
        double hiY = Double.NEGATIVE_INFINITY;
        double sumW = 0;
        double sumH = 0;
        for (int k = 0; k < n; k++) {
            loX = Math.min(loX, g.x1[k]);
            loY = Math.min(loY, g.y1[k]);
            hiX = Math.max(hiX, g.x2[k]);
            hiY = Math.max(hiY, g.y2[k]);
            sumW += g.x2[k] - g.x1[k] + offset;
            sumH += g.y2[k] - g.y1[k] + offset;
        }
        double cell = Math.max(sumW, sumH) / n;
        double width = hiX - loX;
        double height = hiY - loY;
        cols = 1;
        rows = 1;
        if (n > SMALL_GROUP && cell > 0 && Double.isFinite(width / cell) && Double.isFinite(height / cell)) {
            long c = (long) Math.min(width / cell, 1 << 12) + 1;
            long r = (long) Math.min(height / cell, 1 << 12) + 1;
            while (c * r > 4L * n + 64) {
                c = (c + 1) / 2;
                r = (r + 1) / 2;
            }
            cols = (int) c;
            rows = (int) r;
        }
        minX = loX;
        minY = loY;
        cellsPerUnitX = width > 0 ? cols / width : 0;
        cellsPerUnitY = height > 0 ? rows / height : 0;
        if (head.length < cols * rows) {
            head = new int[cols * rows];
        }
        Arrays.fill(head, 0, cols * rows, -1);
        entries = 0;
        wideCount = 0;
        if (seen.length < n) {
            seen = new int[n];
        } else {
            Arrays.fill(seen, 0);
        }
        stamp = 0;
    }

    private int col(double x) {
        double c = (x - minX) * cellsPerUnitX;
        return c <= 0 ? 0 : c >= cols - 1 ? cols - 1 : (int) c;
    }

    private int row(double y) {
        double r = (y - minY) * cellsPerUnitY;
        return r <= 0 ? 0 : r >= rows - 1 ? rows - 1 : (int) r;
    }

    /** Adds box {@code id} (an index below the {@code n} of {@link #reset}) with these corners. */
    void insert(int id, double x1, double y1, double x2, double y2) {
        int c0 = col(x1);
        int c1 = col(x2);
        int r0 = row(y1);
        int r1 = row(y2);
        if ((c1 - c0 + 1) * (r1 - r0 + 1) > MAX_CELLS_PER_BOX) {
            if (wideCount == wide.length) {
                wide = Arrays.copyOf(wide, wideCount * 2);
            }
            wide[wideCount++] = id;
            return;
        }
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                if (entries == item.length) {
                    item = Arrays.copyOf(item, entries * 2);
                    next = Arrays.copyOf(next, entries * 2);
                }
                int cell = r * cols + c;
                item[entries] = id;
                next[entries] = head[cell];
                head[cell] = entries++;
            }
        }
    }

    /**
     * Writes into {@code out} (room for every inserted box) each inserted box, once, that may intersect the
     * closed box {@code [x1, x2] x [y1, y2]}; returns how many.
     */
    int query(double x1, double y1, double x2, double y2, int[] out) {
        stamp++;
        int count = 0;
        for (int w = 0; w < wideCount; w++) {
            out[count++] = wide[w];
        }
        int c0 = col(x1);
        int c1 = col(x2);
        int r1 = row(y2);
        for (int r = row(y1); r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                for (int e = head[r * cols + c]; e >= 0; e = next[e]) {
                    int id = item[e];
                    if (seen[id] != stamp) {
                        seen[id] = stamp;
                        out[count++] = id;
                    }
                }
            }
        }
        return count;
    }
}
