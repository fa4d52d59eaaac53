package ablate.plugins.segmentation.task;

import ablate.datasets.segmentation.SegmentationSet;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Example images for the report: a test image, its ground truth and a prediction, each label map drawn as a
 * coloured overlay (class colour blended half over the image; class 0, the background, and ignored pixels left
 * as they are), as base64 PNGs.
 */
final class Overlays {
    static final String ARTIFACT = "segmentationExamples";
    /** Colours of classes 1..10 (matplotlib's tab10); further classes get colours from a hash of their id. */
    private static final int[] PALETTE = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
            0x7f7f7f, 0xbcbd22, 0x17becf};

    private Overlays() {
    }

    static int colour(int label) {
        return label >= 1 && label <= PALETTE.length ? PALETTE[label - 1] : (label * 0x9E3779B1) >>> 8;
    }

    /** {@code name}, {@code input}, {@code truth}, {@code prediction} (base64 PNGs) of test image {@code i}. */
    static Map<String, Object> example(SegmentationSet set, int i, int[] prediction) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", set.name(i));
        e.put("input", png(draw(set, i, null)));
        e.put("truth", png(draw(set, i, set.labelMap(i))));
        e.put("prediction", png(draw(set, i, prediction)));
        return e;
    }

    /** The palette of classes 1.. as CSS hex colours, for the report's legend. */
    static List<String> legend(int classes) {
        return java.util.stream.IntStream.range(0, classes)
                .mapToObj(c -> c == 0 ? "none" : String.format("#%06x", colour(c))).toList();
    }

    static BufferedImage draw(SegmentationSet set, int i, int[] labels) {
        int w = set.width();
        int h = set.height();
        int plane = w * h;
        byte[] px = set.image(i);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int k = 0; k < plane; k++) {
            int r = px[k] & 0xFF;
            int g = set.channels() == 3 ? px[plane + k] & 0xFF : r;
            int b = set.channels() == 3 ? px[2 * plane + k] & 0xFF : r;
            if (labels != null && labels[k] != 0 && labels[k] != set.ignoreIndex()) {
                int c = colour(labels[k]);
                r = (r + ((c >> 16) & 0xFF)) / 2;
                g = (g + ((c >> 8) & 0xFF)) / 2;
                b = (b + (c & 0xFF)) / 2;
            }
            out.setRGB(k % w, k / w, r << 16 | g << 8 | b);
        }
        return out;
    }

    static String png(BufferedImage image) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", bytes);
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode an example image", e);
        }
    }
}
