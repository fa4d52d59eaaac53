package ablate.metrics;

/** Evenly spaced doubles, bit-identical to numpy's {@code linspace(start, stop, num)}. */
public final class Linspace {
    private Linspace() {
    }

    /** start + i·((stop − start)/(num − 1)) for i &lt; num − 1, and exactly stop last (numpy's arithmetic). */
    public static double[] of(double start, double stop, int num) {
        if (num < 2) {
            throw new IllegalArgumentException("linspace needs at least 2 points, got " + num);
        }
        double[] v = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            v[i] = i * step + start;
        }
        v[num - 1] = stop;
        return v;
    }
}
