package ablate.datasets.superres;

/**
 * MATLAB's {@code imresize(I, scale, 'bicubic')} for integer factors, the resize every super-resolution paper makes
 * its low-resolution images with: the cubic convolution kernel with a = −0.5 (Keys), antialiased when downscaling
 * (the kernel stretched by the factor, so 4·s taps, and its weights normalised to sum 1), output pixel x (1-based)
 * centred at input coordinate u = x/scale + ½(1 − 1/scale), and out-of-range taps mirrored symmetrically
 * (MATLAB's {@code aux = [1:in, in:-1:1]}). PIL's and OpenCV's bicubic use a = −0.75 and no such stretching,
 * which moves PSNR by tenths of a dB; this follows BasicSR's {@code matlab_functions.imresize} (a port of
 * MATLAB's), computing both 1-D passes (rows of the height first, then the width) in double precision. The
 * caller rounds to 8 bits where the protocol stores an image ({@link #toUint8}).
 *
 * <p>The factor is an integer {@code s} and the direction explicit, so the centres are exact: u = s·x − (s−1)/2
 * when shrinking, u = x/s + (s−1)/(2s) when enlarging (1/3 as a double would put them a bit off).
 */
public final class MatlabResize {
    private MatlabResize() {
    }

    /** Keys' cubic with a = −0.5, MATLAB's {@code cubic}. */
    static double cubic(double x) {
        double a = Math.abs(x);
        double a2 = a * a;
        double a3 = a2 * a;
        if (a <= 1) {
            return 1.5 * a3 - 2.5 * a2 + 1;
        }
        if (a <= 2) {
            return -0.5 * a3 + 2.5 * a2 - 4 * a + 2;
        }
        return 0;
    }

    /** The taps of one output sample: input indices (0-based, mirrored into range) and their weights. */
    record Taps(int[][] index, double[][] weight) {
    }

    /**
     * The 1-D contributions for {@code in} samples resized by integer {@code factor}: shrunk to in/factor
     * ({@code down}) or enlarged to in·factor.
     */
    static Taps taps(int in, int factor, boolean down) {
        int out = down ? in / factor : in * factor;
        double width = down ? 4.0 * factor : 4.0;
        int p = (int) Math.ceil(width) + 2;
        int[][] index = new int[out][p];
        double[][] weight = new double[out][p];
        for (int x = 1; x <= out; x++) {
            double u = down ? factor * (double) x - (factor - 1) / 2.0 : x / (double) factor + (factor - 1) / (2.0 * factor);
            int left = (int) Math.floor(u - width / 2);
            double sum = 0;
            for (int k = 0; k < p; k++) {
                int j = left + k;                       // 1-based, may be outside 1..in
                double d = u - j;
                double w = down ? cubic(d / factor) : cubic(d);
                weight[x - 1][k] = w;
                sum += w;
                index[x - 1][k] = mirror(j - 1, in);
            }
            for (int k = 0; k < p; k++) {
                weight[x - 1][k] /= sum;
            }
        }
        return new Taps(index, weight);
    }

    /** MATLAB's symmetric index: ... 1 0 | 0 1 ... n−1 | n−1 n−2 ... (0-based). */
    static int mirror(int j, int n) {
        int m = Math.floorMod(j, 2 * n);
        return m < n ? m : 2 * n - 1 - m;
    }

    /** A w×h plane (row-major) shrunk by {@code factor}; w and h must be multiples of it. */
    public static double[] down(double[] plane, int w, int h, int factor) {
        if (w % factor != 0 || h % factor != 0) {
            throw new IllegalArgumentException(w + "×" + h + " is not a multiple of the scale " + factor);
        }
        return resize(plane, w, h, factor, true);
    }

    /** A w×h plane (row-major) enlarged by {@code factor}. */
    public static double[] up(double[] plane, int w, int h, int factor) {
        return resize(plane, w, h, factor, false);
    }

    private static double[] resize(double[] plane, int w, int h, int factor, boolean down) {
        if (factor < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + factor);
        }
        Taps rows = taps(h, factor, down);
        Taps cols = taps(w, factor, down);
        int oh = rows.index.length;
        int ow = cols.index.length;
        double[] tmp = new double[oh * w];           // height first, as MATLAB orders equal factors
        for (int y = 0; y < oh; y++) {
            int[] idx = rows.index[y];
            double[] wt = rows.weight[y];
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int k = 0; k < idx.length; k++) {
                    s += wt[k] * plane[idx[k] * w + x];
                }
                tmp[y * w + x] = s;
            }
        }
        double[] out = new double[oh * ow];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int[] idx = cols.index[x];
                double[] wt = cols.weight[x];
                double s = 0;
                for (int k = 0; k < idx.length; k++) {
                    s += wt[k] * tmp[y * w + idx[k]];
                }
                out[y * ow + x] = s;
            }
        }
        return out;
    }

    /** Clamped to [0, 255] and rounded half away from zero, as MATLAB converts double to uint8. */
    public static double[] toUint8(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.min(255, Math.max(0, Math.round(values[i])));
        }
        return out;
    }
}
