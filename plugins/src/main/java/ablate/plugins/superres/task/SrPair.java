package ablate.plugins.superres.task;

import ablate.datasets.superres.MatlabResize;
import ablate.datasets.superres.SrImage;

/**
 * One image as the protocol prepares it: the HR luma (BT.601 Y, 16–235, not rounded), the LR image made from the
 * mod-cropped HR RGB by MATLAB bicubic and stored as 8-bit, its luma, and that luma bicubic-upscaled back (SRCNN's
 * input and the bicubic baseline's output before rounding).
 */
record SrPair(String name, int width, int height, int scale, double[] hrY, double[] lrY, double[] upY) {
    static SrPair of(SrImage hr, int scale) {
        SrImage lr = hr.downscaled(scale);
        double[] lrY = lr.luma();
        return new SrPair(hr.name(), hr.width(), hr.height(), scale, hr.luma(), lrY,
                MatlabResize.up(lrY, lr.width(), lr.height(), scale));
    }

    int lrWidth() {
        return width / scale;
    }

    int lrHeight() {
        return height / scale;
    }

    /**
     * The network's input plane, values Y/255: the upscaled luma or the LR one, its border mirrored by {@code pad}
     * pixels (half-sample symmetric, as MATLAB's 'symmetric'), so the network sees image-like context there rather
     * than its zero padding; the output is cropped back by the task.
     */
    float[] input(boolean upsampled, int pad) {
        double[] src = upsampled ? upY : lrY;
        int w = upsampled ? width : lrWidth();
        int h = upsampled ? height : lrHeight();
        int pw = w + 2 * pad;
        int ph = h + 2 * pad;
        float[] out = new float[pw * ph];
        for (int y = 0; y < ph; y++) {
            int sy = mirror(y - pad, h);
            for (int x = 0; x < pw; x++) {
                out[y * pw + x] = (float) (src[sy * w + mirror(x - pad, w)] / 255);
            }
        }
        return out;
    }

    private static int mirror(int i, int n) {
        while (i < 0 || i >= n) {
            i = i < 0 ? -i - 1 : 2 * n - 1 - i;
        }
        return i;
    }

    /**
     * Fills slot {@code b} of a batch with an aligned patch pair: the input covers LR pixels [lx, lx + p + 2m) ×
     * [ly, ly + p + 2m) (or their HR pixels when upsampled), the target the HR pixels of the central p × p of them,
     * so the network's output there depends on real image context only (the papers' valid convolutions). Both are
     * transformed by {@code t} (bit 0: mirror x, bit 1: mirror y, bit 2: transpose — the 8 flips and 90° rotations);
     * the margin is the same on every side, so the target stays the input's centre under every transform.
     */
    void patch(int lx, int ly, int p, int m, int t, boolean upsampled, float[] input, float[] target, int b) {
        int hp = p * scale;
        int n = p + 2 * m;
        copy(hrY, width, (lx + m) * scale, (ly + m) * scale, hp, t, target, b * hp * hp);
        if (upsampled) {
            int hn = n * scale;
            copy(upY, width, lx * scale, ly * scale, hn, t, input, b * hn * hn);
        } else {
            copy(lrY, lrWidth(), lx, ly, n, t, input, b * n * n);
        }
    }

    private static void copy(double[] src, int w, int x0, int y0, int n, int t, float[] dst, int at) {
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int sx = (t & 4) != 0 ? j : i;
                int sy = (t & 4) != 0 ? i : j;
                if ((t & 1) != 0) {
                    sx = n - 1 - sx;
                }
                if ((t & 2) != 0) {
                    sy = n - 1 - sy;
                }
                dst[at + j * n + i] = (float) (src[(y0 + sy) * w + x0 + sx] / 255);
            }
        }
    }
}
