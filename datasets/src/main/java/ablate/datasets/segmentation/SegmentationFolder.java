package ablate.datasets.segmentation;

import ablate.datasets.DatasetException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A segmentation split from ordinary folders: {@code <dir>/images/NAME.png} and {@code <dir>/labels/NAME.png}, the
 * label maps 8-bit single-channel PNGs (grayscale or palette, as {@code ablate metric seg} reads) holding class ids
 * 0..classes−1 or the ignore index. Images are read as grey (one channel) or RGB (three), all of one size so that
 * they batch. Every file is checked before any trial starts; a problem is a {@link DatasetException} whose one-line
 * message names the file.
 */
public final class SegmentationFolder {
    private SegmentationFolder() {
    }

    public static SegmentationSet read(Path dir, List<String> classNames, int ignoreIndex, int channels) {
        if (channels != 1 && channels != 3) {
            throw new DatasetException(dir + ": channels must be 1 or 3, got " + channels);
        }
        Path images = dir.resolve("images");
        Path labels = dir.resolve("labels");
        List<Path> files = list(images);
        if (files.isEmpty()) {
            throw new DatasetException(images + ": empty folder (expected images NAME.png with label maps in "
                    + labels + ")");
        }
        int classes = classNames.size();
        int height = -1;
        int width = -1;
        byte[] pixels = null;
        byte[] maps = null;
        List<String> names = new ArrayList<>();
        for (int n = 0; n < files.size(); n++) {
            Path imageFile = files.get(n);
            String name = imageFile.getFileName().toString();
            BufferedImage image = png(imageFile);
            Path labelFile = labels.resolve(name);
            if (!Files.isRegularFile(labelFile)) {
                throw new DatasetException(labelFile + ": missing (every image needs a label map of the same name)");
            }
            BufferedImage label = png(labelFile);
            if (label.getWidth() != image.getWidth() || label.getHeight() != image.getHeight()) {
                throw new DatasetException(labelFile + ": label map is " + label.getWidth() + "×" + label.getHeight()
                        + ", its image " + image.getWidth() + "×" + image.getHeight());
            }
            if (height < 0) {
                height = image.getHeight();
                width = image.getWidth();
                pixels = new byte[files.size() * channels * height * width];
                maps = new byte[files.size() * height * width];
            } else if (image.getWidth() != width || image.getHeight() != height) {
                throw new DatasetException(imageFile + ": " + image.getWidth() + "×" + image.getHeight()
                        + ", the other images are " + width + "×" + height + " (all must have one size)");
            }
            int[] ids = labelIds(labelFile, label);
            for (int k = 0; k < ids.length; k++) {
                int id = ids[k];
                if (id != ignoreIndex && id >= classes) {
                    throw new DatasetException(labelFile + ": class id " + id + " at pixel (" + k % width + ", "
                            + k / width + ") is not below the declared class count " + classes
                            + " nor the ignore index " + ignoreIndex);
                }
                maps[n * ids.length + k] = (byte) id;
            }
            int plane = width * height;
            int[] rgb = rgb(image);
            for (int k = 0; k < plane; k++) {
                int r = (rgb[k] >> 16) & 0xFF;
                int g = (rgb[k] >> 8) & 0xFF;
                int b = rgb[k] & 0xFF;
                if (channels == 1) {
                    pixels[n * plane + k] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    pixels[(n * 3) * plane + k] = (byte) r;
                    pixels[(n * 3 + 1) * plane + k] = (byte) g;
                    pixels[(n * 3 + 2) * plane + k] = (byte) b;
                }
            }
            names.add(name);
        }
        return new SegmentationSet(pixels, maps, classNames, names, channels, height, width, ignoreIndex);
    }

    /** Every file of {@code dir}, sorted by name; anything that is not a .png is an error, not skipped silently. */
    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir + ": no such folder");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
            for (Path f : files) {
                if (!f.getFileName().toString().toLowerCase().endsWith(".png")) {
                    throw new DatasetException(f + ": not a PNG file (the folder must hold only NAME.png images)");
                }
            }
            return files;
        } catch (IOException e) {
            throw new DatasetException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static BufferedImage png(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(file + ": not a readable PNG: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DatasetException(file + ": not a readable PNG");
        }
        return image;
    }

    /**
     * Packed 0xRRGGBB pixels. An 8-bit grey PNG is read from its raster: {@code getRGB} would pass it through
     * Java's linear-grey colour space and change the values.
     */
    private static int[] rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        if (raster.getNumBands() == 1 && !(image.getColorModel() instanceof IndexColorModel)
                && raster.getSampleModel().getSampleSize(0) == 8) {
            int[] grey = raster.getSamples(0, 0, w, h, 0, new int[w * h]);
            for (int k = 0; k < grey.length; k++) {
                grey[k] = grey[k] << 16 | grey[k] << 8 | grey[k];
            }
            return grey;
        }
        return image.getRGB(0, 0, w, h, null, 0, w);
    }

    private static int[] labelIds(Path file, BufferedImage image) {
        Raster raster = image.getRaster();
        boolean palette = image.getColorModel() instanceof IndexColorModel;
        if (raster.getNumBands() != 1 || (!palette && raster.getSampleModel().getSampleSize(0) != 8)) {
            throw new DatasetException(file + ": a label map must be an 8-bit single-channel (grayscale or palette) PNG");
        }
        return raster.getSamples(0, 0, image.getWidth(), image.getHeight(), 0, new int[image.getWidth() * image.getHeight()]);
    }
}
