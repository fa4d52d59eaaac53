package ablate.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): 28×28 grayscale images of 10 clothing classes, 60,000 for
 * training and 10,000 for testing, read from the four IDX files (gzipped or not) and checked against their
 * official sizes and SHA-256 checksums, or from the stratified 6,000/1,000 subset embedded in this jar.
 *
 * <p>The checksums are of the decompressed IDX bytes: Debian's {@code dataset-fashion-mnist} rewrote the gzip
 * headers (timestamp and file name removed), so its {@code .gz} files differ from Zalando's byte for byte while
 * their content is identical. Zalando's own {@code .gz} files therefore pass as well.
 */
public final class FashionMnist {
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Environment variable naming a data directory (searched after an explicit one). */
    public static final String ENV = "ABLATE_DATA";
    /** Where Debian's {@code dataset-fashion-mnist} installs the files. */
    public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final int EMBEDDED_TRAIN = 6000;
    public static final int EMBEDDED_TEST = 1000;
    static final String EMBEDDED_RESOURCES = "/ablate/datasets/fashion-mnist/";
    static final String INSTALL_HINT = "install it (apt-get install dataset-fashion-mnist) or pass --data-dir DIR"
            + " (or set " + ENV + ") to a directory holding the four IDX files";

    /** The four files, with their decompressed sizes and SHA-256 (computed here from the official data). */
    public enum IdxFile {
        TRAIN_IMAGES("train-images-idx3-ubyte", 47_040_016,
                "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
        TRAIN_LABELS("train-labels-idx1-ubyte", 60_008,
                "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
        TEST_IMAGES("t10k-images-idx3-ubyte", 7_840_016,
                "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
        TEST_LABELS("t10k-labels-idx1-ubyte", 10_008,
                "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

        public final String baseName;
        public final long bytes;
        public final String sha256;

        IdxFile(String baseName, long bytes, String sha256) {
            this.baseName = baseName;
            this.bytes = bytes;
            this.sha256 = sha256;
        }

        /** The file in {@code dir}, gzipped ({@code NAME.gz}, preferred) or plain, if either exists. */
        Optional<Path> in(Path dir) {
            for (Path candidate : List.of(dir.resolve(baseName + ".gz"), dir.resolve(baseName))) {
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }
    }

    /** Which data {@link #load} uses. */
    public enum Source {
        /** The subset in this jar: works anywhere, nothing to download. */
        EMBEDDED,
        /** The full IDX files; an error if they are not found. */
        FULL,
        /** The full files if found, else the embedded subset. */
        AUTO;

        public static Source parse(String text) {
            for (Source source : values()) {
                if (source.name().equalsIgnoreCase(text.trim())) {
                    return source;
                }
            }
            throw new IllegalArgumentException("dataset source '" + text + "' is not one of embedded, full, auto");
        }
    }

    /** A train/test pair and a human description of the data used. */
    public record Split(ImageSet train, ImageSet test, String description) {
        /** The same split with a long-tailed training set ({@link LongTail}); the test set stays balanced. */
        public Split longTailed(double imbalanceRatio, long seed) {
            ImageSet tail = LongTail.of(train, imbalanceRatio, seed);
            return new Split(tail, test, description + String.format(Locale.ROOT,
                    ", training set long-tailed (imbalance ratio %s: %,d images, %,d to %,d per class)",
                    LongTail.formatRatio(imbalanceRatio), tail.size(), max(tail.classCounts()), min(tail.classCounts())));
        }
    }

    private static final Map<String, Split> FULL_CACHE = new HashMap<>();
    private static Split embeddedCache;

    private FashionMnist() {
    }

    /**
     * Loads train and test sets. A size of 0 takes all that the source has; a smaller size takes a stratified
     * sample drawn from {@code seed} ({@link ImageSet#stratified}).
     *
     * @param source  {@code embedded}, {@code full} or {@code auto}
     * @param dataDir an explicit data directory ({@code --data-dir}) or null
     */
    public static Split load(String source, Path dataDir, int trainSize, int testSize, long seed) {
        return load(Source.parse(source), dataDir, trainSize, testSize, seed);
    }

    public static Split load(Source source, Path dataDir, int trainSize, int testSize, long seed) {
        return load(source, Lookup.standard(dataDir), trainSize, testSize, seed);
    }

    static Split load(Source source, Lookup lookup, int trainSize, int testSize, long seed) {
        if (trainSize < 0 || testSize < 0) {
            throw new IllegalArgumentException("dataset sizes must be >= 0 (0 = all), got train " + trainSize
                    + " and test " + testSize);
        }
        Optional<Path> dir = switch (source) {
            case EMBEDDED -> Optional.empty();
            case FULL -> Optional.of(lookup.locate());
            case AUTO -> lookup.find();
        };
        Split base = dir.isPresent() ? full(dir.get()) : embedded();
        String what = dir.isPresent() ? "full set" : "embedded subset";
        String note = source == Source.AUTO && dir.isEmpty() ? " (auto: the full set was not found)" : "";
        int train = trainSize == 0 ? base.train().size() : trainSize;
        int test = testSize == 0 ? base.test().size() : testSize;
        if (train > base.train().size() || test > base.test().size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "asked for %,d training and %,d test images, the Fashion-MNIST %s has %,d and %,d%s",
                    train, test, what, base.train().size(), base.test().size(),
                    dir.isPresent() ? "" : "; use source full for more"));
        }
        if (train == base.train().size() && test == base.test().size()) {
            return new Split(base.train(), base.test(), base.description() + note);
        }
        String origin = String.format(Locale.ROOT, "%s (%,d/%,d)%s", what, base.train().size(), base.test().size(),
                dir.map(d -> " from " + d).orElse(""));
        return new Split(base.train().stratified(train, seed), base.test().stratified(test, Indices.derive(seed, 1)),
                String.format(Locale.ROOT, "Fashion-MNIST stratified sample (%,d/%,d, seed %d) of the %s%s",
                        train, test, seed, origin, note));
    }

    /** The stratified 6,000/1,000 subset shipped in this jar (see {@link EmbeddedSubset}). */
    public static synchronized Split embedded() {
        if (embeddedCache == null) {
            ImageSet train = readEmbedded(IdxFile.TRAIN_IMAGES, IdxFile.TRAIN_LABELS, EMBEDDED_TRAIN);
            ImageSet test = readEmbedded(IdxFile.TEST_IMAGES, IdxFile.TEST_LABELS, EMBEDDED_TEST);
            embeddedCache = new Split(train, test, String.format(Locale.ROOT,
                    "Fashion-MNIST embedded stratified subset (%,d/%,d)", train.size(), test.size()));
        }
        return embeddedCache;
    }

    /** The full set in {@code dir}, verified (sizes, IDX headers, SHA-256); cached per directory and file state. */
    public static Split full(Path dir) {
        Map<IdxFile, Path> files = new HashMap<>();
        StringBuilder key = new StringBuilder();
        for (IdxFile file : IdxFile.values()) {
            Path path = file.in(dir).orElseThrow(() -> new DatasetException(
                    dir + ": no " + file.baseName + "(.gz); " + INSTALL_HINT));
            files.put(file, path);
            try {
                key.append(path.toRealPath()).append(':').append(Files.size(path)).append(':')
                        .append(Files.getLastModifiedTime(path).toMillis()).append(';');
            } catch (IOException e) {
                throw new DatasetException(path + ": cannot read (" + e.getMessage() + ")", e);
            }
        }
        synchronized (FULL_CACHE) {
            return FULL_CACHE.computeIfAbsent(key.toString(), k -> {
                ImageSet train = readVerified(files.get(IdxFile.TRAIN_IMAGES), IdxFile.TRAIN_IMAGES,
                        files.get(IdxFile.TRAIN_LABELS), IdxFile.TRAIN_LABELS);
                ImageSet test = readVerified(files.get(IdxFile.TEST_IMAGES), IdxFile.TEST_IMAGES,
                        files.get(IdxFile.TEST_LABELS), IdxFile.TEST_LABELS);
                return new Split(train, test, String.format(Locale.ROOT, "Fashion-MNIST full (%,d/%,d) from %s",
                        train.size(), test.size(), dir));
            });
        }
    }

    /** The first directory holding the four files: {@code explicitDir}, then {@code $ABLATE_DATA}, then Debian's. */
    public static Optional<Path> find(Path explicitDir) {
        return Lookup.standard(explicitDir).find();
    }

    /** Like {@link #find(Path)}, but throws a {@link DatasetException} naming every place looked and the fix. */
    public static Path locate(Path explicitDir) {
        return Lookup.standard(explicitDir).locate();
    }

    /**
     * Where to look, in order: an explicit directory (which must exist and hold the files if given: no other
     * place is tried then), the environment's {@value #ENV}, then the system directory; each also as
     * {@code DIR/fashion-mnist}.
     */
    record Lookup(Path explicitDir, String env, Path systemDir) {
        static Lookup standard(Path explicitDir) {
            return new Lookup(explicitDir, System.getenv(ENV), SYSTEM_DIR);
        }

        Optional<Path> find() {
            return search(new ArrayList<>());
        }

        Path locate() {
            List<String> looked = new ArrayList<>();
            return search(looked).orElseThrow(() -> new DatasetException(
                    "Fashion-MNIST not found (looked in " + String.join("; ", looked) + "); " + INSTALL_HINT));
        }

        private Optional<Path> search(List<String> looked) {
            if (explicitDir != null && !Files.isDirectory(explicitDir)) {
                throw new DatasetException("data directory " + explicitDir + " does not exist");
            }
            List<String> origins = new ArrayList<>();
            List<Path> bases = new ArrayList<>();
            if (explicitDir != null) {
                origins.add("--data-dir ");
                bases.add(explicitDir);
            }
            if (env != null && !env.isBlank()) {
                origins.add(ENV + "=");
                bases.add(Path.of(env));
            }
            origins.add("");
            bases.add(systemDir);
            for (int b = 0; b < bases.size(); b++) {
                Path base = bases.get(b);
                if (!Files.isDirectory(base)) {
                    looked.add(origins.get(b) + base + " (does not exist)");
                    continue;
                }
                for (Path dir : List.of(base, base.resolve("fashion-mnist"))) {
                    List<String> missing = new ArrayList<>();
                    for (IdxFile file : IdxFile.values()) {
                        if (file.in(dir).isEmpty()) {
                            missing.add(file.baseName + "(.gz)");
                        }
                    }
                    if (missing.isEmpty()) {
                        return Optional.of(dir);
                    }
                    if (missing.size() < IdxFile.values().length) {
                        throw new DatasetException(dir + ": incomplete Fashion-MNIST, missing "
                                + String.join(", ", missing) + "; " + INSTALL_HINT);
                    }
                }
                if (explicitDir != null && b == 0) {
                    // An explicit directory is a promise about the data: never fall back to other (or embedded) data.
                    throw new DatasetException("--data-dir " + base + ": no Fashion-MNIST files there nor in its "
                            + "fashion-mnist/ (missing " + missingNames() + "); " + INSTALL_HINT);
                }
                looked.add(origins.get(b) + base + " (and its fashion-mnist/)");
            }
            return Optional.empty();
        }
    }

    private static String missingNames() {
        List<String> names = new ArrayList<>();
        for (IdxFile file : IdxFile.values()) {
            names.add(file.baseName + "(.gz)");
        }
        return String.join(", ", names);
    }

    private static ImageSet readVerified(Path imagesPath, IdxFile imagesFile, Path labelsPath, IdxFile labelsFile) {
        int[] labels = Idx.parseLabels(verified(labelsPath, labelsFile), CLASS_NAMES.size(), labelsPath.toString());
        Idx.Images images = Idx.parseImages(verified(imagesPath, imagesFile), imagesPath.toString());
        return imageSet(images, labels, imagesPath + " and " + labelsPath);
    }

    private static byte[] verified(Path path, IdxFile file) {
        byte[] data = Idx.read(path);
        if (data.length != file.bytes) {
            throw new DatasetException(path + ": " + data.length + " bytes once decompressed, Fashion-MNIST's "
                    + file.baseName + " has " + file.bytes + " (truncated or a different file); " + INSTALL_HINT);
        }
        String actual = sha256(data);
        if (!actual.equals(file.sha256)) {
            throw new DatasetException(path + ": SHA-256 " + actual + " differs from Fashion-MNIST's " + file.sha256
                    + " (corrupt or a different file); " + INSTALL_HINT);
        }
        return data;
    }

    private static ImageSet readEmbedded(IdxFile imagesFile, IdxFile labelsFile, int expected) {
        Idx.Images images = Idx.parseImages(resource(imagesFile), "embedded " + imagesFile.baseName);
        int[] labels = Idx.parseLabels(resource(labelsFile), CLASS_NAMES.size(), "embedded " + labelsFile.baseName);
        ImageSet set = imageSet(images, labels, "embedded " + imagesFile.baseName);
        if (set.size() != expected) {
            throw new DatasetException("embedded " + imagesFile.baseName + ": " + set.size() + " images, expected "
                    + expected + " (rebuild the jar)");
        }
        return set;
    }

    private static byte[] resource(IdxFile file) {
        String name = EMBEDDED_RESOURCES + file.baseName + ".gz";
        try (InputStream in = FashionMnist.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new DatasetException("embedded resource " + name + " is missing from the classpath (rebuild the jar)");
            }
            return Idx.read(in, "embedded " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ImageSet imageSet(Idx.Images images, int[] labels, String name) {
        if (images.count() != labels.length) {
            throw new DatasetException(name + ": " + images.count() + " images but " + labels.length + " labels");
        }
        return new ImageSet(images.pixels(), labels, CLASS_NAMES, 1, images.rows(), images.columns());
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int max(int[] values) {
        int m = Integer.MIN_VALUE;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static int min(int[] values) {
        int m = Integer.MAX_VALUE;
        for (int v : values) {
            m = Math.min(m, v);
        }
        return m;
    }
}
