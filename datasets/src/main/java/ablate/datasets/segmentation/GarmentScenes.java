package ablate.datasets.segmentation;

import ablate.datasets.ImageSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A semantic-segmentation set made from real Fashion-MNIST garments: each scene is a square grey canvas with a
 * little seeded noise, on which 1..{@code maxObjects} garments drawn at random from a source set are pasted,
 * each resized (bilinear) to a random side in [{@code minSize}, {@code maxSize}] pixels at a random position.
 * A pasted pixel whose resized intensity is at least {@value #FOREGROUND} belongs to the garment: it takes the
 * garment's pixel and the label 1 + its Fashion-MNIST class (0 is background), so there are 11 classes. Later
 * garments cover earlier ones. The sizes make "small foreground" a setting; the seed fixes every choice.
 */
public final class GarmentScenes {
    /** Resized intensity (0..255) from which a garment pixel counts as the garment rather than background. */
    public static final int FOREGROUND = 32;
    /** Background noise amplitude: pixels uniform in [0, NOISE]. */
    public static final int NOISE = 24;

    /**
     * @param canvas side of the square scene in pixels
     * @param sizes  {minSize, maxSize} side of a pasted garment, 4 ≤ min ≤ max ≤ canvas
     * @param maxObjects garments per scene are uniform in 1..maxObjects
     */
    public record Spec(int canvas, int minSize, int maxSize, int maxObjects) {
        public Spec {
            if (canvas < 8 || minSize < 4 || maxSize < minSize || maxSize > canvas || maxObjects < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "garment scenes need canvas >= 8, 4 <= min-size <= max-size <= canvas and objects >= 1, "
                                + "got canvas %d, sizes %d..%d, objects %d", canvas, minSize, maxSize, maxObjects));
            }
        }
    }

    private GarmentScenes() {
    }

    /** The 11 class names: background, then Fashion-MNIST's ten. */
    public static List<String> classNames(List<String> garments) {
        List<String> names = new ArrayList<>();
        names.add("background");
        names.addAll(garments);
        return names;
    }

    /** {@code count} scenes from the garments of {@code source} (28×28 grey), all choices drawn from {@code seed}. */
    public static SegmentationSet generate(ImageSet source, int count, Spec spec, long seed, String prefix) {
        if (source.channels() != 1) {
            throw new IllegalArgumentException("garment scenes paste single-channel images, got " + source.channels());
        }
        int side = spec.canvas();
        int plane = side * side;
        byte[] pixels = new byte[count * plane];
        byte[] labels = new byte[count * plane];
        List<String> names = new ArrayList<>(count);
        Random random = new Random(seed);
        for (int s = 0; s < count; s++) {
            int base = s * plane;
            for (int k = 0; k < plane; k++) {
                pixels[base + k] = (byte) random.nextInt(NOISE + 1);
            }
            int objects = 1 + random.nextInt(spec.maxObjects());
            for (int o = 0; o < objects; o++) {
                int garment = random.nextInt(source.size());
                int size = spec.minSize() + random.nextInt(spec.maxSize() - spec.minSize() + 1);
                int x0 = random.nextInt(side - size + 1);
                int y0 = random.nextInt(side - size + 1);
                paste(source, garment, size, x0, y0, side, pixels, labels, base);
            }
            names.add(String.format(Locale.ROOT, "%s%05d.png", prefix, s));
        }
        return new SegmentationSet(pixels, labels, classNames(source.classNames()), names, 1, side, side, 255);
    }

    private static void paste(ImageSet source, int index, int size, int x0, int y0, int side, byte[] pixels,
                              byte[] labels, int base) {
        byte[] img = source.image(index);
        int h = source.height();
        int w = source.width();
        byte label = (byte) (1 + source.label(index));
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                // bilinear sample at the target pixel's centre, half-pixel aligned (as align_corners=False)
                double sy = Math.min(Math.max((y + 0.5) * h / size - 0.5, 0), h - 1);
                double sx = Math.min(Math.max((x + 0.5) * w / size - 0.5, 0), w - 1);
                int iy = (int) sy;
                int ix = (int) sx;
                int iy1 = Math.min(iy + 1, h - 1);
                int ix1 = Math.min(ix + 1, w - 1);
                double fy = sy - iy;
                double fx = sx - ix;
                double v = (1 - fy) * ((1 - fx) * (img[iy * w + ix] & 0xFF) + fx * (img[iy * w + ix1] & 0xFF))
                        + fy * ((1 - fx) * (img[iy1 * w + ix] & 0xFF) + fx * (img[iy1 * w + ix1] & 0xFF));
                int value = (int) Math.round(v);
                if (value >= FOREGROUND) {
                    int k = base + (y0 + y) * side + x0 + x;
                    pixels[k] = (byte) value;
                    labels[k] = label;
                }
            }
        }
    }
}
