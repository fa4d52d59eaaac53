package ablate.datasets.superres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading HR sets: the embedded photographs, and the inputs refused with one line naming the file. */
class SrImagesTest {
    @TempDir
    Path dir;

    @Test
    void embeddedSplitsAreTheRgbPhotographs() {
        List<SrImage> train = SrImages.embedded("train");
        List<SrImage> test = SrImages.embedded("test");
        assertThat(train).extracting(SrImage::name).containsExactly("astronaut.png", "rocket.png", "ihc.png");
        assertThat(test).extracting(SrImage::name).containsExactly("chelsea.png", "coffee.png");
        assertThat(test.get(0).width()).isEqualTo(225);
        assertThat(test.get(0).height()).isEqualTo(150);
        assertThat(test.get(0).channels()).isEqualTo(3);
        SrImage cropped = test.get(0).modCrop(4);
        assertThat(cropped.width()).isEqualTo(224);
        assertThat(cropped.height()).isEqualTo(148);
    }

    @Test
    void lumaIsBt601StudioRange() {
        SrImage px = new SrImage("p", 3, 1, new double[][]{{0, 255, 255}, {0, 255, 0}, {0, 255, 0}});
        // 16 + (65.481 R + 128.553 G + 24.966 B)/255: black 16, white 235, red 16 + 65.481
        assertThat(px.luma()).containsExactly(new double[]{16, 235, 81.481}, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void refusesPaletteSixteenBitMixedAndEmpty() throws Exception {
        byte[] c = {0, (byte) 255};
        BufferedImage palette = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, c, c, c));
        Path p = dir.resolve("palette.png");
        ImageIO.write(palette, "png", p.toFile());
        assertThatThrownBy(() -> SrImage.read(p.toString(), Files.newInputStream(p)))
                .hasMessage(p + ": a palette PNG; save it as 8-bit RGB (or greyscale) PNG");

        Path deep = dir.resolve("deep.png");
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_USHORT_GRAY), "png", deep.toFile());
        assertThatThrownBy(() -> SrImage.read(deep.toString(), Files.newInputStream(deep)))
                .hasMessageStartingWith(deep + ": 16-bit samples");

        Path mixed = Files.createDirectory(dir.resolve("mixed"));
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR), "png", mixed.resolve("a.png").toFile());
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY), "png", mixed.resolve("b.png").toFile());
        assertThatThrownBy(() -> SrImages.folder(mixed))
                .hasMessageStartingWith(mixed.resolve("b.png") + ": a grey image in a set of RGB images");

        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> SrImages.folder(empty)).hasMessage(empty + ": no PNG images");
        Path jpeg = mixed.resolve("c.png");
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR), "jpg", jpeg.toFile());
        assertThatThrownBy(() -> SrImage.read(jpeg.toString(), Files.newInputStream(jpeg)))
                .hasMessageStartingWith(jpeg + ": not a PNG file");
    }
}
