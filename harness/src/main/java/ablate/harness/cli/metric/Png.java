package ablate.harness.cli.metric;

import ablate.harness.UserError;
import ablate.metrics.image.Plane;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** 8-bit PNG reading for the metric commands (javax.imageio). */
final class Png {
    private Png() {
    }

    static BufferedImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such file");
        }
        checkSignature(file);
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new UserError(file + ": not a readable image: " + e.getMessage());
        }
        if (image == null) {
            throw new UserError(file + ": not a readable image (expected a PNG)");
        }
        return image;
    }

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /**
     * The file's first bytes must be PNG's signature, whatever its name: ImageIO would read a JPEG named .png
     * just as well, and the metric would be computed on lossy pixels, or a grey JPEG mistaken for a label map.
     */
    static void checkSignature(Path file) {
        byte[] head = new byte[SIGNATURE.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
        if (n == SIGNATURE.length && Arrays.equals(head, SIGNATURE)) {
            return;
        }
        String what = n >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff
                ? "a JPEG file" : n == 0 ? "an empty file" : "not a PNG file (no PNG signature)";
        throw new UserError(file + ": " + what + (what.startsWith("a JPEG") ? ", not a PNG (by its content, whatever its "
                + "name); save the image losslessly as PNG" : "; expected a PNG"));
    }

    /** A label map: an 8-bit grayscale PNG, or a palette PNG whose indices are the labels (PASCAL VOC masks). */
    static int[] labels(Path file, BufferedImage image) {
        Raster raster = image.getRaster();
        ColorModel model = image.getColorModel();
        boolean palette = model instanceof IndexColorModel;
        if (raster.getNumBands() != 1 || (!palette && raster.getSampleModel().getSampleSize(0) != 8)) {
            throw new UserError(file + ": a label map must be an 8-bit single-channel (grayscale or palette) PNG, got "
                    + describe(image));
        }
        return raster.getSamples(0, 0, image.getWidth(), image.getHeight(), 0, new int[image.getWidth() * image.getHeight()]);
    }

    /** The channels of an 8-bit image: one plane for grayscale, R, G, B for colour (a palette is expanded). */
    static Plane[] channels(Path file, BufferedImage image) {
        Raster raster = image.getRaster();
        ColorModel model = image.getColorModel();
        int w = image.getWidth();
        int h = image.getHeight();
        if (model.hasAlpha()) {
            throw new UserError(file + ": images with an alpha channel are not supported, got " + describe(image));
        }
        if (!(model instanceof IndexColorModel)) {
            for (int b = 0; b < raster.getNumBands(); b++) {
                if (raster.getSampleModel().getSampleSize(b) != 8) {
                    throw new UserError(file + ": expected an 8-bit grayscale or RGB PNG, got " + describe(image));
                }
            }
            if (raster.getNumBands() == 1) {
                return new Plane[]{plane(w, h, raster.getSamples(0, 0, w, h, 0, (double[]) null))};
            }
            if (raster.getNumBands() != 3) {
                throw new UserError(file + ": expected an 8-bit grayscale or RGB PNG, got " + describe(image));
            }
        }
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        double[][] planes = new double[3][w * h];
        for (int i = 0; i < rgb.length; i++) {
            planes[0][i] = (rgb[i] >> 16) & 0xff;
            planes[1][i] = (rgb[i] >> 8) & 0xff;
            planes[2][i] = rgb[i] & 0xff;
        }
        return new Plane[]{plane(w, h, planes[0]), plane(w, h, planes[1]), plane(w, h, planes[2])};
    }

    private static Plane plane(int w, int h, double[] values) {
        return new Plane(w, h, values);
    }

    static String describe(BufferedImage image) {
        Raster raster = image.getRaster();
        StringBuilder bits = new StringBuilder();
        for (int b = 0; b < raster.getNumBands(); b++) {
            bits.append(b == 0 ? "" : "/").append(raster.getSampleModel().getSampleSize(b));
        }
        return raster.getNumBands() + " channel(s) of " + bits + " bits"
                + (image.getColorModel() instanceof IndexColorModel ? " (palette)" : "")
                + (image.getColorModel().hasAlpha() ? " with alpha" : "");
    }
}
