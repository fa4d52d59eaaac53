package ablate.metrics.image;

/** One image channel as row-major doubles (pixel (x, y) at {@code values[y * width + x]}). */
public record Plane(int width, int height, double[] values) {
    public Plane {
        if (width < 1 || height < 1 || values.length != (long) width * height) {
            throw new IllegalArgumentException("a " + width + "×" + height + " plane needs " + (long) width * height
                    + " values, got " + values.length);
        }
    }

    public double at(int x, int y) {
        return values[y * width + x];
    }

    /** This plane without a border of {@code border} pixels on every side (the super-resolution protocol's crop). */
    public Plane crop(int border) {
        if (border == 0) {
            return this;
        }
        int w = width - 2 * border;
        int h = height - 2 * border;
        if (w < 1 || h < 1) {
            throw new IllegalArgumentException("cannot crop " + border + " pixels from a " + width + "×" + height + " image");
        }
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(values, (y + border) * width + border, out, y * w, w);
        }
        return new Plane(w, h, out);
    }

    /**
     * BT.601 luma of 8-bit RGB planes as scikit-image's {@code rgb2ycbcr(rgb)[..., 0]} (no rounding):
     * Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255, in [16, 235].
     */
    public static Plane luma(Plane r, Plane g, Plane b) {
        double[] y = new double[r.values.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 65.481 * (r.values[i] / 255) + 128.553 * (g.values[i] / 255) + 24.966 * (b.values[i] / 255) + 16;
        }
        return new Plane(r.width, r.height, y);
    }
}
