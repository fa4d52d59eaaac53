package ablate.datasets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Regenerates the embedded Fashion-MNIST subset: a stratified sample (600 training and 100 test images per
 * class) of the verified full files, drawn with a fixed seed, written as gzipped IDX.
 * <pre>java -cp datasets/target/classes ablate.datasets.EmbeddedSubset [SOURCE_DIR [OUTPUT_DIR]]</pre>
 */
public final class EmbeddedSubset {
    /** The seed of the committed subset; changing it changes the embedded data. */
    public static final long SEED = 20170825L;
    static final Path DEFAULT_OUTPUT = Path.of("datasets/src/main/resources/ablate/datasets/fashion-mnist");

    private EmbeddedSubset() {
    }

    /** The embedded subset's selection from the full set. */
    public static FashionMnist.Split select(FashionMnist.Split full) {
        return new FashionMnist.Split(full.train().stratified(FashionMnist.EMBEDDED_TRAIN, SEED),
                full.test().stratified(FashionMnist.EMBEDDED_TEST, SEED), "embedded subset of " + full.description());
    }

    public static void main(String[] args) throws IOException {
        Path source = args.length > 0 ? Path.of(args[0]) : FashionMnist.SYSTEM_DIR;
        Path output = args.length > 1 ? Path.of(args[1]) : DEFAULT_OUTPUT;
        FashionMnist.Split subset = select(FashionMnist.full(source));
        Files.createDirectories(output);
        write(output, FashionMnist.IdxFile.TRAIN_IMAGES, subset.train(), true);
        write(output, FashionMnist.IdxFile.TRAIN_LABELS, subset.train(), false);
        write(output, FashionMnist.IdxFile.TEST_IMAGES, subset.test(), true);
        write(output, FashionMnist.IdxFile.TEST_LABELS, subset.test(), false);
        System.out.printf(Locale.ROOT, "wrote %,d/%,d images (seed %d) from %s to %s%n",
                subset.train().size(), subset.test().size(), SEED, source, output);
    }

    private static void write(Path dir, FashionMnist.IdxFile file, ImageSet set, boolean images) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve(file.baseName + ".gz"))) {
            if (images) {
                Idx.writeImages(set, out);
            } else {
                Idx.writeLabels(set, out);
            }
        }
    }
}
