package ablate.datasets.segmentation;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Writes a label map as an 8-bit grayscale PNG, the format {@link SegmentationFolder} and {@code ablate metric seg} read. */
public final class LabelPng {
    private LabelPng() {
    }

    public static void write(Path file, int[] labels, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, width, height, 0, labels);
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
