package ablate.plugins.segmentation.task;

import ablate.datasets.FashionMnist;
import ablate.datasets.Indices;
import ablate.datasets.segmentation.GarmentScenes;
import ablate.datasets.segmentation.SegmentationFolder;
import ablate.datasets.segmentation.SegmentationSet;
import ablate.harness.spi.DatasetSpec;
import ablate.plugins.common.WholeNumbers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The segmentation task's data, from a suite's {@code dataset:}.
 * <ul>
 *   <li>{@code garment-scenes}: {@link GarmentScenes} from Fashion-MNIST ({@code source} as for classification);
 *       {@code train}/{@code test} scenes (default {@value #DEFAULT_TRAIN}/{@value #DEFAULT_TEST}), options
 *       {@code canvas} (64), {@code min-size} (8), {@code max-size} (20), {@code objects} (3). Training scenes paste
 *       training garments and test scenes test garments, each drawn from the trial's seed.</li>
 *   <li>{@code folder}: {@code path} holding {@code train/} and {@code test/}, each with {@code images/} and
 *       {@code labels/} ({@link SegmentationFolder}); {@code classes} (a list of names, or a count),
 *       {@code ignore-index} (255), {@code channels} (1 grey or 3 RGB). Class 0 is taken as background (for the
 *       small-object Dice).</li>
 * </ul>
 */
record SegmentationData(SegmentationSet train, SegmentationSet test, String description) {
    static final String SCENES = "garment-scenes";
    static final String FOLDER = "folder";
    static final int DEFAULT_TRAIN = 1000;
    static final int DEFAULT_TEST = 200;
    private static final Set<String> SCENE_OPTIONS = Set.of("canvas", "min-size", "max-size", "objects");
    private static final Set<String> FOLDER_OPTIONS = Set.of("path", "classes", "ignore-index", "channels");

    static SegmentationData load(DatasetSpec spec, Path dataDir, long seed) {
        return switch (spec.name()) {
            case SCENES -> scenes(spec, dataDir, seed);
            case FOLDER -> folder(spec);
            default -> throw new IllegalArgumentException("dataset.name: unknown dataset " + spec.name()
                    + " (known: " + SCENES + ", " + FOLDER + ")");
        };
    }

    private static SegmentationData scenes(DatasetSpec spec, Path dataDir, long seed) {
        known(spec, SCENE_OPTIONS);
        Map<String, Object> o = spec.options();
        GarmentScenes.Spec scene = new GarmentScenes.Spec(integer(o, "canvas", 64), integer(o, "min-size", 8),
                integer(o, "max-size", 20), integer(o, "objects", 3));
        int train = spec.train() == 0 ? DEFAULT_TRAIN : spec.train();
        int test = spec.test() == 0 ? DEFAULT_TEST : spec.test();
        FashionMnist.Split garments = FashionMnist.load(spec.source(), dataDir, 0, 0, seed);
        SegmentationSet trainSet = GarmentScenes.generate(garments.train(), train, scene, Indices.derive(seed, 11), "train");
        SegmentationSet testSet = GarmentScenes.generate(garments.test(), test, scene, Indices.derive(seed, 12), "test");
        return new SegmentationData(trainSet, testSet, String.format(Locale.ROOT,
                "garment scenes %dx%d, %d..%d px garments, 1..%d a scene, %,d/%,d scenes (seed %d) from the %s",
                scene.canvas(), scene.canvas(), scene.minSize(), scene.maxSize(), scene.maxObjects(), train, test,
                seed, garments.description()));
    }

    private static SegmentationData folder(DatasetSpec spec) {
        known(spec, FOLDER_OPTIONS);
        Map<String, Object> o = spec.options();
        Object path = o.get("path");
        if (!(path instanceof String p) || p.isBlank()) {
            throw new IllegalArgumentException("dataset.path: the folder dataset needs path: DIR (with train/ and test/)");
        }
        Path dir = Path.of(p);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such folder (dataset.path)");
        }
        List<String> classes = classNames(o.get("classes"));
        int ignore = integer(o, "ignore-index", 255);
        int channels = integer(o, "channels", 1);
        SegmentationSet train = SegmentationFolder.read(dir.resolve("train"), classes, ignore, channels);
        SegmentationSet test = SegmentationFolder.read(dir.resolve("test"), classes, ignore, channels);
        if (train.height() != test.height() || train.width() != test.width()) {
            throw new IllegalArgumentException(dir.resolve("test/images") + ": images are " + test.width() + "×"
                    + test.height() + ", the training images " + train.width() + "×" + train.height());
        }
        if (spec.train() > 0 || spec.test() > 0) {
            throw new IllegalArgumentException("dataset.train/test: the folder dataset uses every file; leave them out");
        }
        return new SegmentationData(train, test, String.format(Locale.ROOT, "folder %s (%,d/%,d images %dx%d)",
                dir, train.size(), test.size(), train.width(), train.height()));
    }

    private static List<String> classNames(Object value) {
        if (value instanceof List<?> list && list.size() >= 2 && list.size() <= 255) {
            List<String> names = new ArrayList<>();
            list.forEach(v -> names.add(String.valueOf(v)));
            return names;
        }
        if (value instanceof Number n && n.longValue() >= 2 && n.longValue() <= 255) {
            List<String> names = new ArrayList<>();
            for (int c = 0; c < n.intValue(); c++) {
                names.add(c == 0 ? "background" : "class " + c);
            }
            return names;
        }
        throw new IllegalArgumentException("dataset.classes: give the class names as a list, or their count "
                + "(2..255), got " + value);
    }

    private static void known(DatasetSpec spec, Set<String> keys) {
        for (String k : spec.options().keySet()) {
            if (!keys.contains(k)) {
                throw new IllegalArgumentException("dataset." + k + ": unknown option for " + spec.name()
                        + " (known: " + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
        }
    }

    static int integer(Map<String, Object> o, String key, int fallback) {
        return WholeNumbers.of(o, "", key, fallback);
    }
}
