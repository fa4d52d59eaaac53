package ablate.plugins.detection.task;

import ablate.datasets.Indices;
import ablate.datasets.detection.Category;
import ablate.datasets.detection.CocoDataset;
import ablate.datasets.detection.DetectionSet;
import ablate.datasets.detection.SceneSpec;
import ablate.datasets.detection.SyntheticScenes;
import ablate.harness.spi.DatasetSpec;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The data of a detection trial, from a suite's {@code dataset:}.
 * <ul>
 *   <li>{@code synthetic-scenes}: {@link SyntheticScenes} of a preset ({@code preset: standard|crowded}), optionally
 *       with another {@code crowding} level (0–1) or image {@code size}; {@code train-crowding} sets the training
 *       set's level alone (e.g. train on separated objects, test on crowded ones); {@code train} and {@code test} images
 *       (default {@value #DEFAULT_TRAIN} and {@value #DEFAULT_TEST}) drawn from seeds derived from the trial's seed;
 *       {@code eval-crowding: [0, 0.5, 1]} adds test sets of the same images count at those crowding levels, whose
 *       metrics are named {@code mAP@crowding=0.5} and so on (a level equal to the test set's reuses it).</li>
 *   <li>{@code coco}: a COCO-format dataset, {@code train-annotations}, {@code train-images},
 *       {@code test-annotations} and {@code test-images} (relative paths resolve against {@code --data-dir}, else
 *       the working directory); {@code train}/{@code test} > 0 take the first images of each.</li>
 * </ul>
 */
final class DetectionData {
    static final String SYNTHETIC = "synthetic-scenes";
    static final String COCO = "coco";
    static final int DEFAULT_TRAIN = 2000;
    static final int DEFAULT_TEST = 300;
    static final String PRESET = "preset";
    static final String CROWDING = "crowding";
    static final String TRAIN_CROWDING = "train-crowding";
    static final String SIZE = "size";
    static final String EVAL_CROWDING = "eval-crowding";
    static final List<String> COCO_KEYS = List.of("train-annotations", "train-images", "test-annotations", "test-images");
    private static final Set<String> SYNTHETIC_KEYS = Set.of(PRESET, CROWDING, TRAIN_CROWDING, SIZE, EVAL_CROWDING);

    /**
     * A test set and the suffix of its metric names: {@code ""} for the main one, {@code @crowding=X} for an
     * {@code eval-crowding} level, whose value is {@code crowding} (NaN for the main set).
     */
    record EvalSet(String suffix, double crowding, DetectionSet set) {
    }

    private final Supplier<DetectionSet> train;
    private final String trainDescription;
    /** The main test set first, then the extra ones. */
    final List<EvalSet> evals;

    private DetectionData(Supplier<DetectionSet> train, String trainDescription, List<EvalSet> evals) {
        this.train = train;
        this.trainDescription = trainDescription;
        this.evals = List.copyOf(evals);
    }

    /** The training set, made (or read) on each call: only a trial that trains needs it. */
    DetectionSet train() {
        return train.get();
    }

    /** The categories, the same in every split. */
    List<Category> categories() {
        return evals.get(0).set().categories();
    }

    String description() {
        return "train: " + trainDescription + "; test: " + evals.get(0).set().description();
    }

    /** Checks the options without generating or reading any images. */
    static void validate(DatasetSpec spec, Path dataDir) {
        switch (spec.name()) {
            case SYNTHETIC -> {
                requireKnown(spec, SYNTHETIC_KEYS);
                sceneSpec(spec);
                if (spec.options().containsKey(TRAIN_CROWDING)) {
                    level(spec.options().get(TRAIN_CROWDING), TRAIN_CROWDING);
                }
                evalCrowding(spec);
            }
            case COCO -> {
                requireKnown(spec, Set.copyOf(COCO_KEYS));
                List<Path> paths = COCO_KEYS.stream().map(key -> path(spec, key, dataDir)).toList();
                for (int i = 0; i < paths.size(); i++) {
                    Path p = paths.get(i);
                    String key = COCO_KEYS.get(i);
                    if (!Files.exists(p)) {
                        throw new IllegalArgumentException("dataset." + key + ": " + p + " does not exist");
                    }
                }
            }
            default -> throw new IllegalArgumentException("dataset.name: the detection task reads " + SYNTHETIC
                    + " or " + COCO + ", not '" + spec.name() + "'");
        }
    }

    static DetectionData load(DatasetSpec spec, Path dataDir, long seed) {
        validate(spec, dataDir);
        if (spec.name().equals(COCO)) {
            Path trainAnnotations = path(spec, "train-annotations", dataDir);
            DetectionSet test = first(CocoDataset.read(path(spec, "test-annotations", dataDir),
                    path(spec, "test-images", dataDir)), spec.test());
            Supplier<DetectionSet> train = () -> {
                DetectionSet set = first(CocoDataset.read(trainAnnotations, path(spec, "train-images", dataDir)),
                        spec.train());
                if (!set.categories().equals(test.categories())) {
                    throw new IllegalArgumentException("dataset: " + trainAnnotations + " lists other categories than "
                            + path(spec, "test-annotations", dataDir) + "; both splits need the same list");
                }
                return set;
            };
            return new DetectionData(train, trainAnnotations.toString(), List.of(new EvalSet("", Double.NaN, test)));
        }
        SceneSpec scenes = sceneSpec(spec);
        int trainCount = spec.train() > 0 ? spec.train() : DEFAULT_TRAIN;
        int testCount = spec.test() > 0 ? spec.test() : DEFAULT_TEST;
        long testSeed = Indices.derive(seed, 1);
        SceneSpec trainScenes = spec.options().containsKey(TRAIN_CROWDING)
                ? scenes.withCrowding(level(spec.options().get(TRAIN_CROWDING), TRAIN_CROWDING)) : scenes;
        // derived seeds keep the splits apart; descriptions (report captions) name the trial's seed instead
        Supplier<DetectionSet> train = () -> SyntheticScenes.generate(trainScenes, trainCount, Indices.derive(seed, 0),
                "training split of seed " + seed);
        String testOrigin = "test split of seed " + seed;
        List<EvalSet> evals = new ArrayList<>();
        evals.add(new EvalSet("", Double.NaN, SyntheticScenes.generate(scenes, testCount, testSeed, testOrigin)));
        for (double level : evalCrowding(spec)) {
            String suffix = "@crowding=" + BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
            DetectionSet set = level == scenes.crowding() ? evals.get(0).set()
                    : SyntheticScenes.generate(scenes.withCrowding(level), testCount, testSeed, testOrigin);
            evals.add(new EvalSet(suffix, level, set));
        }
        return new DetectionData(train, String.format(java.util.Locale.ROOT, "synthetic scenes (%s; %,d images)",
                trainScenes.describe(), trainCount), evals);
    }

    private static SceneSpec sceneSpec(DatasetSpec spec) {
        Map<String, Object> o = spec.options();
        SceneSpec scenes = SceneSpec.preset(o.containsKey(PRESET) ? String.valueOf(o.get(PRESET)) : "standard");
        if (o.containsKey(CROWDING)) {
            scenes = scenes.withCrowding(level(o.get(CROWDING), CROWDING));
        }
        if (o.containsKey(SIZE)) {
            if (!(o.get(SIZE) instanceof Integer size)) {
                throw new IllegalArgumentException("dataset.size must be an integer number of pixels, got " + o.get(SIZE));
            }
            scenes = scenes.withSize(size);
        }
        return scenes;
    }

    private static List<Double> evalCrowding(DatasetSpec spec) {
        Object raw = spec.options().get(EVAL_CROWDING);
        if (raw == null) {
            return List.of();
        }
        List<Double> levels = new ArrayList<>();
        for (Object v : raw instanceof List<?> list ? list : List.of(raw)) {
            double level = level(v, EVAL_CROWDING);
            if (levels.contains(level)) {
                throw new IllegalArgumentException("dataset." + EVAL_CROWDING + " lists " + v + " twice");
            }
            levels.add(level);
        }
        return levels;
    }

    private static double level(Object v, String key) {
        if (!(v instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
            throw new IllegalArgumentException("dataset." + key + " must be a number in [0, 1], got " + v);
        }
        return n.doubleValue();
    }

    private static void requireKnown(DatasetSpec spec, Set<String> known) {
        for (String key : spec.options().keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("dataset." + key + ": unknown option for " + spec.name() + " (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static Path path(DatasetSpec spec, String key, Path dataDir) {
        Object v = spec.options().get(key);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("dataset." + key + " must name a file or directory (the coco dataset "
                    + "needs " + String.join(", ", COCO_KEYS) + ")");
        }
        Path p = Path.of(s);
        return p.isAbsolute() || dataDir == null ? p : dataDir.resolve(p);
    }

    private static DetectionSet first(DetectionSet set, int count) {
        if (count <= 0 || count >= set.size()) {
            return set;
        }
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = i;
        }
        return set.subset(indices);
    }
}
