package ablate.plugins.superres;

import ablate.harness.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad super-resolution input through {@code ablate run}: one line naming the key or file, exit 2, no trial run. */
class SuperResolutionCliTest {
    private static String run(Path dir, String yamlTail, int expectedCode) throws Exception {
        Path suite = dir.resolve("sr.yaml");
        Files.writeString(suite, "name: sr\ntask: super-resolution\nbaseline: {model: sr.bicubic}\nseeds: [1]\n" + yamlTail);
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int code = cli.execute("run", suite.toString(), "--out", dir.resolve("out").toString(), "--in-process");
        assertThat(code).as(err.toString()).isEqualTo(expectedCode);
        return err.toString();
    }

    @Test
    void scaleOneIsOneLine(@TempDir Path dir) throws Exception {
        String err = run(dir, "dataset: images\noptions: {scale: 1}\n", 2);
        assertThat(err.strip().lines()).hasSize(1);
        assertThat(err).contains("options.scale: the upscaling factor must be 2..8, got 1");
        assertThat(dir.resolve("out/trials")).doesNotExist();
    }

    @Test
    void aPaletteImageInTheTestFolderIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path test = Files.createDirectory(dir.resolve("photos"));
        byte[] c = {0, (byte) 255};
        ImageIO.write(new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, c, c, c)),
                "png", test.resolve("p.png").toFile());
        String err = run(dir, "dataset: {name: images, test: " + test + "}\n", 2);
        assertThat(err.strip().lines()).hasSize(1);
        assertThat(err).contains(test.resolve("p.png") + ": a palette PNG");
    }

    /**
     * 24×24 at ×3 is 8×8 at low resolution: enough for bicubic (4 taps) but not for ESPCN's 9×9 receptive field
     * (5 + 2 + 2 LR pixels), so the ESPCN variant stops the run before the baseline's trial starts.
     */
    @Test
    void anImageSmallerThanAVariantsReceptiveFieldIsOneLineBeforeAnyTrial(@TempDir Path dir) throws Exception {
        Path test = Files.createDirectory(dir.resolve("photos"));
        BufferedImage img = new BufferedImage(24, 24, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 24; x++) {
                img.setRGB(x, y, (x * 10) << 16 | (y * 10) << 8 | (x + y) * 5);
            }
        }
        ImageIO.write(img, "png", test.resolve("small.png").toFile());
        String err = run(dir, "variants: {espcn: {model: sr.espcn}}\ndataset: {name: images, test: " + test + "}\n"
                + "options: {scale: 3, patch: 4}\nbudget: {epochs: 1, batch: 2}\n", 2);
        assertThat(err.strip().lines()).hasSize(1);
        assertThat(err).contains("variant espcn").contains("small.png: 24×24 is too small for x3 (needs at least 27");
        assertThat(dir.resolve("out/trials")).doesNotExist();
    }
}
