package ablate.datasets.detection;

import java.awt.image.BufferedImage;

/**
 * One RGB image of a detection set: uint8 pixels stored C×H×W (3 planes). The array is shared, not copied:
 * treat it as read-only.
 */
public record DetectionImage(long id, String fileName, int width, int height, byte[] pixels) {
    public DetectionImage {
        if (width <= 0 || height <= 0 || pixels.length != 3 * width * height) {
            throw new IllegalArgumentException("image " + fileName + ": " + pixels.length + " bytes do not make a 3x"
                    + height + "x" + width + " RGB image");
        }
    }

    /** Byte value (0–255) of channel {@code c} at column {@code x}, row {@code y}. */
    public int pixel(int c, int x, int y) {
        return pixels[(c * height + y) * width + x] & 0xFF;
    }

    /** The image as a {@link BufferedImage} (TYPE_INT_RGB), e.g. to write a PNG or draw boxes on. */
    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = width * height;
        int[] rgb = new int[plane];
        for (int p = 0; p < plane; p++) {
            rgb[p] = (pixels[p] & 0xFF) << 16 | (pixels[plane + p] & 0xFF) << 8 | pixels[2 * plane + p] & 0xFF;
        }
        image.setRGB(0, 0, width, height, rgb, 0, width);
        return image;
    }
}
