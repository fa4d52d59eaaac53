package ablate.metrics.detection.coco;

/**
 * Boxes in cell order as parallel arrays (a detection's {@code extra} is its score, an object's its area),
 * so that a category's work reads contiguous memory.
 */
final class Boxes {
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
