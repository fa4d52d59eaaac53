package ablate.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    private static final Path SYSTEM = FashionMnist.SYSTEM_DIR;

    private static boolean originalsPresent() {
        return FashionMnist.IdxFile.TRAIN_IMAGES.in(SYSTEM).isPresent();
    }

    private static FashionMnist.Lookup nowhere(Path tmp) {
        return new FashionMnist.Lookup(null, null, tmp.resolve("absent"));
    }

    @Test
    void embeddedSubsetIsBalancedAndShaped() {
        FashionMnist.Split split = FashionMnist.embedded();
        assertThat(split.train().size()).isEqualTo(6000);
        assertThat(split.test().size()).isEqualTo(1000);
        assertThat(split.train().classCounts()).containsOnly(600);
        assertThat(split.test().classCounts()).containsOnly(100);
        assertThat(split.train().channels()).isEqualTo(1);
        assertThat(split.train().height()).isEqualTo(28);
        assertThat(split.train().width()).isEqualTo(28);
        assertThat(split.train().classNames()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
        assertThat(split.description()).isEqualTo("Fashion-MNIST embedded stratified subset (6,000/1,000)");
    }

    @Test
    void embeddedContentIsThatOfTheCommittedSubset() throws IOException {
        // zcat FILE.gz | sha256sum of the committed resources, as EmbeddedSubset wrote them (see datasets/README.md)
        String[][] expected = {
            {"train-images-idx3-ubyte", "e96786f73f049b431efb587b3458cd29f42881ba30190531dcad86cde35ad6a4"},
            {"train-labels-idx1-ubyte", "6e8f727e946554eca4eef158c503cc4c9b128bb071b27050c3ed8af3fd2c0cbf"},
            {"t10k-images-idx3-ubyte", "02823977a82c1bb25eca52807d57b5be973dc3e0e140ddc2b7f2b25ed3871ddc"},
            {"t10k-labels-idx1-ubyte", "87f9d1d1e0ae99e33d6a635d639e426cb65167c4aa12c454eb890608edc01b71"},
        };
        for (String[] file : expected) {
            try (var in = FashionMnist.class.getResourceAsStream(FashionMnist.EMBEDDED_RESOURCES + file[0] + ".gz")) {
                assertThat(FashionMnist.sha256(Idx.read(in, file[0]))).as(file[0]).isEqualTo(file[1]);
            }
        }
    }

    @Test
    void embeddedSubsetIsTheSeededSampleOfTheOriginals() {
        assumeTrue(originalsPresent(), "Fashion-MNIST is not installed in " + SYSTEM);
        FashionMnist.Split expected = EmbeddedSubset.select(FashionMnist.full(SYSTEM));
        FashionMnist.Split embedded = FashionMnist.embedded();
        assertThat(embedded.train().pixelsView()).isEqualTo(expected.train().pixelsView());
        assertThat(embedded.train().labels()).isEqualTo(expected.train().labels());
        assertThat(embedded.test().pixelsView()).isEqualTo(expected.test().pixelsView());
        assertThat(embedded.test().labels()).isEqualTo(expected.test().labels());
    }

    @Test
    void fullSetIsVerifiedAndDescribed() {
        assumeTrue(originalsPresent(), "Fashion-MNIST is not installed in " + SYSTEM);
        FashionMnist.Split full = FashionMnist.load("full", null, 0, 0, 1);
        assertThat(full.train().size()).isEqualTo(60000);
        assertThat(full.test().size()).isEqualTo(10000);
        assertThat(full.train().classCounts()).containsOnly(6000);
        // First labels of the official files (Ankle boot, T-shirt, T-shirt, Dress, T-shirt / Ankle boot, Pullover, ...)
        assertThat(full.train().labels()).startsWith(9, 0, 0, 3, 0);
        assertThat(full.test().labels()).startsWith(9, 2, 1, 1, 6);
        assertThat(full.description()).isEqualTo("Fashion-MNIST full (60,000/10,000) from " + SYSTEM);
        // numpy: x = frombuffer(train images)/255 -> mean 0.2860405969887955, std 0.35302424451492237
        Normalization stats = full.train().statistics();
        assertThat(stats.mean()[0]).isEqualTo((float) 0.2860405969887955);
        assertThat(stats.std()[0]).isEqualTo((float) 0.35302424451492237);
        assertThat(FashionMnist.full(SYSTEM)).isSameAs(FashionMnist.full(SYSTEM));
    }

    @Test
    void smallerSizesTakeAStratifiedSeededSample() {
        FashionMnist.Split a = FashionMnist.load("embedded", null, 3000, 500, 4);
        assertThat(a.train().classCounts()).containsOnly(300);
        assertThat(a.test().classCounts()).containsOnly(50);
        assertThat(a.description()).isEqualTo(
                "Fashion-MNIST stratified sample (3,000/500, seed 4) of the embedded subset (6,000/1,000)");
        FashionMnist.Split b = FashionMnist.load("embedded", null, 3000, 500, 4);
        assertThat(b.train().pixelsView()).isEqualTo(a.train().pixelsView());
        assertThat(FashionMnist.load("embedded", null, 3000, 0, 5).train().pixelsView())
                .isNotEqualTo(a.train().pixelsView());
        assertThat(FashionMnist.load("embedded", null, 0, 500, 4).train()).isSameAs(FashionMnist.embedded().train());
    }

    @Test
    void badRequestsAreExplained() {
        assertThatThrownBy(() -> FashionMnist.load("embedded", null, 7000, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("asked for 7,000 training and 1,000 test images, the Fashion-MNIST embedded subset has "
                        + "6,000 and 1,000; use source full for more");
        assertThatThrownBy(() -> FashionMnist.load("everything", null, 0, 0, 1))
                .hasMessage("dataset source 'everything' is not one of embedded, full, auto");
        assertThatThrownBy(() -> FashionMnist.load("embedded", null, -1, 0, 1)).hasMessageContaining(">= 0");
    }

    @Test
    void autoFallsBackToTheEmbeddedSubsetAndSaysSo(@TempDir Path tmp) {
        FashionMnist.Split split = FashionMnist.load(FashionMnist.Source.AUTO, nowhere(tmp), 0, 0, 1);
        assertThat(split.train()).isSameAs(FashionMnist.embedded().train());
        assertThat(split.description()).endsWith("(6,000/1,000) (auto: the full set was not found)");
    }

    @Test
    void anExplicitDirectoryWithoutTheFilesIsAnErrorNotAFallback(@TempDir Path tmp) {
        Path empty = tmpDir(tmp.resolve("empty"));
        String expected = "--data-dir " + empty + ": no Fashion-MNIST files there nor in its fashion-mnist/ (missing "
                + "train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz), "
                + "t10k-labels-idx1-ubyte(.gz)); ";
        for (FashionMnist.Source source : List.of(FashionMnist.Source.AUTO, FashionMnist.Source.FULL)) {
            // Not the embedded subset, nor the system directory's files even where they are installed.
            assertThatThrownBy(() -> FashionMnist.load(source, new FashionMnist.Lookup(empty, null, SYSTEM), 0, 0, 1))
                    .isInstanceOf(DatasetException.class).hasMessageStartingWith(expected);
        }
    }

    @Test
    void missingDataNamesEveryPlaceAndTheFix(@TempDir Path tmp) {
        FashionMnist.Lookup lookup = new FashionMnist.Lookup(null, tmp.resolve("env").toString(), tmp.resolve("sys"));
        assertThatThrownBy(lookup::locate).isInstanceOf(DatasetException.class).hasMessage(
                "Fashion-MNIST not found (looked in ABLATE_DATA="
                        + tmp.resolve("env") + " (does not exist); " + tmp.resolve("sys") + " (does not exist)); "
                        + "install it (apt-get install dataset-fashion-mnist) or pass --data-dir DIR (or set "
                        + "ABLATE_DATA) to a directory holding the four IDX files");
        assertThatThrownBy(() -> FashionMnist.load(FashionMnist.Source.FULL, nowhere(tmp), 0, 0, 1))
                .isInstanceOf(DatasetException.class).hasMessageStartingWith("Fashion-MNIST not found");
        assertThatThrownBy(() -> FashionMnist.locate(tmp.resolve("typo")))
                .hasMessage("data directory " + tmp.resolve("typo") + " does not exist");
    }

    @Test
    void incompleteDirectoriesAreReported(@TempDir Path tmp) throws IOException {
        Files.write(tmp.resolve("train-labels-idx1-ubyte.gz"), new byte[1]);
        assertThatThrownBy(() -> new FashionMnist.Lookup(tmp, null, tmp).find())
                .hasMessageStartingWith(tmp + ": incomplete Fashion-MNIST, missing train-images-idx3-ubyte(.gz), "
                        + "t10k-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte(.gz)");
    }

    @Test
    void lookupOrderAndSubdirectory(@TempDir Path tmp) throws IOException {
        assumeTrue(originalsPresent(), "Fashion-MNIST is not installed in " + SYSTEM);
        Path env = tmp.resolve("env");
        Path nested = linkOriginals(env.resolve("fashion-mnist"));
        assertThat(new FashionMnist.Lookup(null, env.toString(), tmp.resolve("sys")).find()).contains(nested);
        Path explicit = linkOriginals(tmp.resolve("explicit"));
        assertThat(new FashionMnist.Lookup(explicit, env.toString(), SYSTEM).find()).contains(explicit);
        assertThat(new FashionMnist.Lookup(null, null, SYSTEM).find()).contains(SYSTEM);
    }

    @Test
    void corruptOrTruncatedFilesAreRejected(@TempDir Path tmp) throws IOException {
        assumeTrue(originalsPresent(), "Fashion-MNIST is not installed in " + SYSTEM);
        Path dir = linkOriginals(tmp.resolve("data"));
        Path labels = dir.resolve("t10k-labels-idx1-ubyte.gz");
        Files.delete(labels);
        Path plain = dir.resolve("t10k-labels-idx1-ubyte");
        // right size and header, wrong content (all labels 0)
        Files.write(plain, ByteBuffer.allocate(10_008).putInt(Idx.LABELS_MAGIC).putInt(10_000).array());
        assertThatThrownBy(() -> FashionMnist.full(dir)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(plain + ": SHA-256 ")
                .hasMessageContaining("differs from Fashion-MNIST's 0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");
        Files.write(plain, ByteBuffer.allocate(108).putInt(Idx.LABELS_MAGIC).putInt(100).array());
        assertThatThrownBy(() -> FashionMnist.full(dir)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(plain + ": 108 bytes once decompressed, Fashion-MNIST's t10k-labels-idx1-ubyte has 10008");
    }

    private static Path tmpDir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path linkOriginals(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (FashionMnist.IdxFile file : FashionMnist.IdxFile.values()) {
            Path original = file.in(SYSTEM).orElseThrow();
            Files.createSymbolicLink(dir.resolve(original.getFileName()), original);
        }
        return dir;
    }
}
