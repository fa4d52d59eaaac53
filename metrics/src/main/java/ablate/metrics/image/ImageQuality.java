package ablate.metrics.image;

import ablate.metrics.NumpySum;

/**
 * Full-reference image quality, with scikit-image's numbers.
 * <ul>
 *   <li>PSNR = 10·log10(L²/MSE) ({@code peak_signal_noise_ratio(ref, test, data_range=L)}); +∞ for identical images.</li>
 *   <li>SSIM per Wang et al. 2004 = {@code structural_similarity(ref, test, gaussian_weights=True, sigma=1.5,
 *       use_sample_covariance=False, data_range=L)}: Gaussian window σ = 1.5 truncated at 3.5σ (11×11), K1 = .01,
 *       K2 = .03, population covariances, mean of the SSIM map over the region where the window fits (a 5-pixel
 *       border is cropped).</li>
 *   <li>MS-SSIM per Wang, Simoncelli &amp; Bovik 2003: 5 scales, weights .0448 .2856 .3001 .2363 .1333, 2×2 mean
 *       downsampling (an odd last row/column dropped); contrast-structure at every scale, luminance at the last,
 *       each the mean over the valid region as in SSIM; a negative term counts as 0 (as pytorch_msssim). No reference implementation is installable here, so it is
 *       tested on its definition (MS-SSIM(x, x) = 1, monotone in noise) rather than against another library.</li>
 * </ul>
 */
public final class ImageQuality {
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;
    public static final double SIGMA = 1.5;
    /** Window side: radius int(3.5·σ + 0.5) = 5 → 11. */
    public static final int WINDOW = 11;
    static final double[] MS_SSIM_WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
    private static final int RADIUS = WINDOW / 2;
    private static final double[] KERNEL = gaussianKernel();

    private ImageQuality() {
    }

    public static double mse(Plane a, Plane b) {
        sameSize(a, b);
        double[] sq = new double[a.values().length];
        for (int i = 0; i < sq.length; i++) {
            double d = a.values()[i] - b.values()[i];
            sq[i] = d * d;
        }
        return NumpySum.mean(sq, 0, sq.length);
    }

    public static double psnr(Plane reference, Plane test, double dataRange) {
        return psnrFromMse(mse(reference, test), dataRange);
    }

    /** PSNR from a mean squared error (e.g. pooled over colour channels): +∞ when it is 0. */
    public static double psnrFromMse(double mse, double dataRange) {
        return 10 * Math.log10(dataRange * dataRange / mse);
    }

    public static double ssim(Plane a, Plane b, double dataRange) {
        return components(a, b, dataRange, false)[0];
    }

    public static double msSsim(Plane a, Plane b, double dataRange) {
        sameSize(a, b);
        int scales = MS_SSIM_WEIGHTS.length;
        int minSide = WINDOW << (scales - 1);
        if (a.width() < minSide || a.height() < minSide) {
            throw new IllegalArgumentException("MS-SSIM needs images of at least " + minSide + "×" + minSide
                    + " (an 11×11 window at the 5th scale), got " + a.width() + "×" + a.height());
        }
        double result = 1;
        for (int s = 0; s < scales; s++) {
            double[] c = components(a, b, dataRange, true);
            double factor = s == scales - 1 ? c[0] : c[1];
            result *= Math.pow(Math.max(0, factor), MS_SSIM_WEIGHTS[s]);
            if (s < scales - 1) {
                a = halve(a);
                b = halve(b);
            }
        }
        return result;
    }

    /**
     * {mean SSIM, mean contrast-structure term} over the valid region, one output row at a time: the five local
     * moments are scipy's {@code gaussian_filter} of x, y, x², y², xy (axis 0 first, then axis 1, each tap pair summed
     * as scipy's symmetric correlate1d: centre·w0, then (v[-k] + v[k])·w_k for k = 5 … 1), so the map agrees with
     * scikit-image's to ~1e-15 and its mean is summed as numpy does.
     */
    private static double[] components(Plane a, Plane b, double dataRange, boolean withContrastStructure) {
        sameSize(a, b);
        int w = a.width();
        int h = a.height();
        if (w < WINDOW || h < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "×" + WINDOW + ", got " + w + "×" + h);
        }
        int vw = w - 2 * RADIUS;
        int vh = h - 2 * RADIUS;
        double[] x = a.values();
        double[] y = b.values();
        double[][] column = new double[5][w];
        // the WINDOW input rows the current output row needs, as separate arrays (x, y, x², y², xy) in a ring
        // indexed by row % WINDOW: every loop then reads and writes at the same index, which C2 vectorises
        double[][][] ring = new double[5][WINDOW][w];
        for (int row = 0; row < WINDOW - 1; row++) {
            loadRow(x, y, w, row, ring);
        }
        double[][] local = new double[5][vw];
        double[] left = new double[vw];
        double[] right = new double[vw];
        double c1 = (K1 * dataRange) * (K1 * dataRange);
        double c2 = (K2 * dataRange) * (K2 * dataRange);
        NumpySum.Accumulator ssim = new NumpySum.Accumulator();
        NumpySum.Accumulator cs = new NumpySum.Accumulator();
        double[] ssimRow = new double[vw];
        double[] csRow = new double[vw];
        for (int r = 0; r < vh; r++) {
            loadRow(x, y, w, r + WINDOW - 1, ring);
            filterColumns(ring, w, r + RADIUS, column);
            for (int m = 0; m < 5; m++) {
                filterRow(column[m], vw, local[m], left, right);
            }
            double[] ux = local[0];
            double[] uy = local[1];
            double[] uxx = local[2];
            double[] uyy = local[3];
            double[] uxy = local[4];
            for (int i = 0; i < vw; i++) {
                double mx = ux[i];
                double my = uy[i];
                double vx = uxx[i] - mx * mx;
                double vy = uyy[i] - my * my;
                double vxy = uxy[i] - mx * my;
                double a1 = 2 * mx * my + c1;
                double a2 = 2 * vxy + c2;
                double b1 = mx * mx + my * my + c1;
                double b2 = vx + vy + c2;
                ssimRow[i] = (a1 * a2) / (b1 * b2);
            }
            ssim.addAll(ssimRow, vw);
            if (withContrastStructure) {
                for (int i = 0; i < vw; i++) {
                    csRow[i] = (2 * (uxy[i] - ux[i] * uy[i]) + c2) / (uxx[i] - ux[i] * ux[i] + uyy[i] - uy[i] * uy[i] + c2);
                }
                cs.addAll(csRow, vw);
            }
        }
        return new double[]{ssim.mean(), withContrastStructure ? cs.mean() : Double.NaN};
    }

    private static void loadRow(double[] x, double[] y, int w, int row, double[][][] ring) {
        int slot = row % WINDOW;
        double[] rx = ring[0][slot];
        double[] ry = ring[1][slot];
        double[] rxx = ring[2][slot];
        double[] ryy = ring[3][slot];
        double[] rxy = ring[4][slot];
        System.arraycopy(x, row * w, rx, 0, w);
        System.arraycopy(y, row * w, ry, 0, w);
        for (int c = 0; c < w; c++) {
            rxx[c] = rx[c] * rx[c];
            ryy[c] = ry[c] * ry[c];
            rxy[c] = rx[c] * ry[c];
        }
    }

    /** Axis-0 pass centred on input row {@code centre}, for the five moments over all w columns. */
    private static void filterColumns(double[][][] ring, int w, int centre, double[][] out) {
        double w0 = KERNEL[RADIUS];
        for (int m = 0; m < 5; m++) {
            double[] o = out[m];
            double[] mid = ring[m][centre % WINDOW];
            for (int c = 0; c < w; c++) {
                o[c] = mid[c] * w0;
            }
            for (int k = RADIUS; k >= 1; k--) {
                double wk = KERNEL[RADIUS + k];
                double[] up = ring[m][(centre - k) % WINDOW];
                double[] down = ring[m][(centre + k) % WINDOW];
                for (int c = 0; c < w; c++) {
                    o[c] += (up[c] + down[c]) * wk;
                }
            }
        }
    }

    /**
     * Axis-1 pass: the vw valid outputs of one row. The taps at -k and +k are first copied to their own arrays so
     * that the sum loop reads and writes at one index (which C2 vectorises; a shifted read would not be).
     */
    private static void filterRow(double[] in, int vw, double[] out, double[] left, double[] right) {
        double w0 = KERNEL[RADIUS];
        System.arraycopy(in, RADIUS, left, 0, vw);
        for (int c = 0; c < vw; c++) {
            out[c] = left[c] * w0;
        }
        for (int k = RADIUS; k >= 1; k--) {
            double wk = KERNEL[RADIUS + k];
            System.arraycopy(in, RADIUS - k, left, 0, vw);
            System.arraycopy(in, RADIUS + k, right, 0, vw);
            for (int c = 0; c < vw; c++) {
                out[c] += (left[c] + right[c]) * wk;
            }
        }
    }

    /** scipy's {@code _gaussian_kernel1d(1.5, 0, 5)}: exp(-0.5/σ²·x²) normalised by its numpy sum. */
    private static double[] gaussianKernel() {
        double[] k = new double[WINDOW];
        double factor = -0.5 / (SIGMA * SIGMA);
        for (int i = 0; i < WINDOW; i++) {
            int x = i - RADIUS;
            k[i] = Math.exp(factor * (x * x));
        }
        double sum = NumpySum.sum(k);
        for (int i = 0; i < WINDOW; i++) {
            k[i] /= sum;
        }
        return k;
    }

    private static Plane halve(Plane p) {
        int w = p.width() / 2;
        int h = p.height() / 2;
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (p.at(2 * x, 2 * y) + p.at(2 * x + 1, 2 * y) + p.at(2 * x, 2 * y + 1) + p.at(2 * x + 1, 2 * y + 1)) / 4;
            }
        }
        return new Plane(w, h, out);
    }

    private static void sameSize(Plane a, Plane b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("images differ in size: " + a.width() + "×" + a.height() + " vs "
                    + b.width() + "×" + b.height());
        }
    }
}
