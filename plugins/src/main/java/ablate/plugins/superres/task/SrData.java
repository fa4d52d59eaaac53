package ablate.plugins.superres.task;

import ablate.datasets.superres.SrImage;
import ablate.datasets.superres.SrImages;
import ablate.harness.spi.DatasetSpec;
import ablate.plugins.common.WholeNumbers;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The super-resolution task's images and protocol settings, from a suite's {@code dataset:} and {@code options:}.
 * Dataset {@code images}: {@code train} and {@code test} are each {@code embedded} (the default: the photographs
 * shipped in the jar, see {@code datasets/.../superres/NOTICE.md}) or a folder of 8-bit PNGs; a number instead keeps
 * the first n embedded images. Options: {@code scale} (2..8, default {@value #DEFAULT_SCALE}), {@code patch} (side
 * of the low-resolution training patches the loss scores, default {@value #DEFAULT_PATCH}; the model's input adds its
 * context margin on every side), {@code steps} (optimizer steps per
 * epoch, default {@value #DEFAULT_STEPS}), {@code crop} (side of the zoomed region shown in the report, in HR pixels,
 * default {@value #DEFAULT_CROP}).
 *
 * @param train HR training images, mod-cropped to the scale
 * @param test  HR test images, mod-cropped to the scale
 */
record SrData(List<SrImage> train, List<SrImage> test, int scale, int patch, int steps, int crop, String description) {
    static final String IMAGES = "images";
    static final int DEFAULT_SCALE = 3;
    static final int DEFAULT_PATCH = 7;
    static final int DEFAULT_STEPS = 100;
    static final int DEFAULT_CROP = 48;
    static final Set<String> OPTIONS = Set.of("scale", "patch", "steps", "crop");

    static SrData load(DatasetSpec spec, Map<String, Object> options) {
        for (String k : options.keySet()) {
            if (!OPTIONS.contains(k)) {
                throw new IllegalArgumentException("options." + k + ": unknown (known: " + new TreeSet<>(OPTIONS) + ")");
            }
        }
        for (String k : spec.options().keySet()) {
            if (!k.equals("train") && !k.equals("test")) {
                throw new IllegalArgumentException("dataset." + k + ": unknown option for " + IMAGES
                        + " (known: train, test: 'embedded', a folder of PNGs, or a count of embedded images)");
            }
        }
        int scale = integer(options, "scale", DEFAULT_SCALE);
        if (scale < 2 || scale > 8) {
            throw new IllegalArgumentException("options.scale: the upscaling factor must be 2..8, got " + scale);
        }
        int patch = integer(options, "patch", DEFAULT_PATCH);
        if (patch < 1 || patch > 256) {
            throw new IllegalArgumentException("options.patch: low-resolution patch side 1..256, got " + patch);
        }
        int steps = integer(options, "steps", DEFAULT_STEPS);
        if (steps < 1) {
            throw new IllegalArgumentException("options.steps: optimizer steps per epoch must be >= 1, got " + steps);
        }
        int crop = integer(options, "crop", DEFAULT_CROP);
        if (crop < 8) {
            throw new IllegalArgumentException("options.crop: the report's zoomed region needs >= 8 pixels, got " + crop);
        }
        List<SrImage> train = split(spec, "train", spec.train()).stream().map(i -> i.modCrop(scale)).toList();
        List<SrImage> test = split(spec, "test", spec.test()).stream().map(i -> i.modCrop(scale)).toList();
        return new SrData(train, test, scale, patch, steps, crop, String.format(Locale.ROOT,
                "HR images: %d train (%s), %d test (%s), x%d", train.size(), where(spec, "train"), test.size(),
                where(spec, "test"), scale));
    }

    private static String where(DatasetSpec spec, String key) {
        Object v = spec.options().get(key);
        return v == null ? "embedded" : String.valueOf(v);
    }

    private static List<SrImage> split(DatasetSpec spec, String key, int count) {
        Object v = spec.options().get(key);
        if (v == null || "embedded".equals(v)) {
            List<SrImage> all = SrImages.embedded(key);
            return count > 0 ? all.subList(0, Math.min(count, all.size())) : all;
        }
        if (!(v instanceof String dir) || dir.isBlank()) {
            throw new IllegalArgumentException("dataset." + key + ": expected 'embedded', a folder or a count, got " + v);
        }
        return SrImages.folder(Path.of(dir));
    }

    /**
     * Refuses, before training, images the model or the metrics cannot handle: a test image must keep an 11×11
     * SSIM window after the {@code scale}-pixel border crop and its low-resolution version must cover the model's
     * receptive field; a training image must hold one training patch with {@code margin} LR pixels of context.
     */
    void check(int receptiveField, int margin, boolean trains) {
        for (SrImage i : test) {
            int lrSide = Math.min(i.width(), i.height()) / scale;
            if (Math.min(i.width(), i.height()) - 2 * scale < 11 || lrSide < receptiveField) {
                throw new IllegalArgumentException(i.name() + ": " + i.width() + "×" + i.height() + " is too small for x"
                        + scale + " (needs at least " + Math.max(11 + 2 * scale, scale * receptiveField)
                        + " pixels a side: the model's receptive field at low resolution and an 11×11 SSIM window "
                        + "inside the " + scale + "-pixel border)");
            }
        }
        if (trains) {
            for (SrImage i : train) {
                int side = (patch + 2 * margin) * scale;   // the scored patch and the model's context around it
                if (Math.min(i.width(), i.height()) < side) {
                    throw new IllegalArgumentException(i.name() + ": " + i.width() + "×" + i.height() + " is smaller "
                            + "than one training patch with the model's context (" + side + " pixels at x" + scale
                            + "; lower options.patch)");
                }
            }
        }
    }

    static int integer(Map<String, Object> o, String key, int fallback) {
        return WholeNumbers.of(o, "options.", key, fallback);
    }
}
