package ablate.datasets.superres;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * One 8-bit image of a super-resolution set: R, G, B planes of values 0..255 (row-major), or one grey plane.
 *
 * @param name   file name, for the per-image table and error messages
 * @param planes 3 (R, G, B) or 1 (grey) planes of width·height values
 */
public record SrImage(String name, int width, int height, double[][] planes) {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    public int channels() {
        return planes.length;
    }

    /**
     * Reads an 8-bit RGB or greyscale PNG. A palette, 16-bit, alpha or non-PNG file is refused with a message naming
     * {@code name}: expanding a palette or dropping 8 bits would silently score other pixels than the user's.
     */
    public static SrImage read(String name, InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (bytes.length < SIGNATURE.length || !Arrays.equals(Arrays.copyOf(bytes, SIGNATURE.length), SIGNATURE)) {
            throw new IllegalArgumentException(name + ": not a PNG file (no PNG signature); super-resolution reads "
                    + "lossless 8-bit PNGs only");
        }
        BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        if (image == null) {
            throw new IllegalArgumentException(name + ": not a readable PNG");
        }
        Raster raster = image.getRaster();
        ColorModel model = image.getColorModel();
        if (model instanceof IndexColorModel) {
            throw new IllegalArgumentException(name + ": a palette PNG; save it as 8-bit RGB (or greyscale) PNG");
        }
        if (model.hasAlpha()) {
            throw new IllegalArgumentException(name + ": has an alpha channel; save it as 8-bit RGB PNG without alpha");
        }
        int bands = raster.getNumBands();
        for (int b = 0; b < bands; b++) {
            int bits = raster.getSampleModel().getSampleSize(b);
            if (bits != 8) {
                throw new IllegalArgumentException(name + ": " + bits + "-bit samples; the protocol scores 8-bit "
                        + "images (PSNR with peak 255), save it as 8-bit PNG");
            }
        }
        if (bands != 1 && bands != 3) {
            throw new IllegalArgumentException(name + ": " + bands + " channels; expected 8-bit RGB or greyscale");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        double[][] planes = new double[bands][];
        for (int b = 0; b < bands; b++) {
            planes[b] = raster.getSamples(0, 0, w, h, b, new double[w * h]);
        }
        return new SrImage(name, w, h, planes);
    }

    /** The top-left part whose sides are multiples of {@code scale} (the protocol's "mod crop" of HR images). */
    public SrImage modCrop(int scale) {
        int w = width - width % scale;
        int h = height - height % scale;
        if (w == width && h == height) {
            return this;
        }
        double[][] out = new double[planes.length][w * h];
        for (int c = 0; c < planes.length; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(planes[c], y * width, out[c], y * w, w);
            }
        }
        return new SrImage(name, w, h, out);
    }

    /** Each plane shrunk by {@code scale} (MATLAB bicubic) and stored as 8-bit, as the protocol's LR files are. */
    public SrImage downscaled(int scale) {
        double[][] out = new double[planes.length][];
        for (int c = 0; c < planes.length; c++) {
            out[c] = MatlabResize.toUint8(MatlabResize.down(planes[c], width, height, scale));
        }
        return new SrImage(name, width / scale, height / scale, out);
    }

    /**
     * BT.601 luma in [16, 235] as BasicSR's {@code rgb2ycbcr(img / 255, y_only=True) * 255} and scikit-image's
     * {@code rgb2ycbcr(rgb)[..., 0]} (not rounded): Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255. A grey image
     * counts as R = G = B.
     */
    public double[] luma() {
        double[] r = planes[0];
        double[] g = planes.length == 3 ? planes[1] : planes[0];
        double[] b = planes.length == 3 ? planes[2] : planes[0];
        double[] y = new double[r.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 65.481 * (r[i] / 255) + 128.553 * (g[i] / 255) + 24.966 * (b[i] / 255) + 16;
        }
        return y;
    }
}
