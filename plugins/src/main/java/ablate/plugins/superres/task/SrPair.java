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

    /** The network's input plane, values Y/255: the upscaled luma or the LR one. */
    float[] input(boolean upsampled) {
        double[] src = upsampled ? upY : lrY;
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = (float) (src[i] / 255);
        }
        return out;
    }

    /**
     * Fills slot {@code b} of a batch with the aligned patch pair at LR corner (lx, ly), side {@code p} at low
     * resolution, transformed by {@code t} (bit 0: mirror x, bit 1: mirror y, bit 2: transpose — the 8 flips and
     * 90° rotations); the same transform on input and target keeps them aligned.
     */
    void patch(int lx, int ly, int p, int t, boolean upsampled, float[] input, float[] target, int b) {
        int hp = p * scale;
        copy(hrY, width, lx * scale, ly * scale, hp, t, target, b * hp * hp);
        if (upsampled) {
            copy(upY, width, lx * scale, ly * scale, hp, t, input, b * hp * hp);
        } else {
            copy(lrY, lrWidth(), lx, ly, p, t, input, b * p * p);
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
