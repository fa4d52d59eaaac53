package ablate.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdxTest {
    private static ImageSet tiny() {
        byte[] pixels = new byte[3 * 2 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 11);
        }
        return new ImageSet(pixels, new int[] {2, 0, 9}, FashionMnist.CLASS_NAMES, 1, 2, 4);
    }

    @Test
    void gzippedRoundTrip() throws IOException {
        ImageSet set = tiny();
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        Idx.writeImages(set, images);
        Idx.writeLabels(set, labels);
        assertThat(images.toByteArray()[0] & 0xFF).isEqualTo(0x1f);

        Idx.Images read = Idx.parseImages(Idx.read(new ByteArrayInputStream(images.toByteArray()), "i"), "i");
        assertThat(read.count()).isEqualTo(3);
        assertThat(read.rows()).isEqualTo(2);
        assertThat(read.columns()).isEqualTo(4);
        assertThat(read.pixels()).isEqualTo(set.pixelsView());
        assertThat(Idx.parseLabels(Idx.read(new ByteArrayInputStream(labels.toByteArray()), "l"), 10, "l"))
                .containsExactly(2, 0, 9);
    }

    @Test
    void plainFilesAreReadAsTheyAre() {
        byte[] raw = ByteBuffer.allocate(10).putInt(Idx.LABELS_MAGIC).putInt(2).put((byte) 1).put((byte) 3).array();
        assertThat(Idx.parseLabels(Idx.read(new ByteArrayInputStream(raw), "l"), 10, "l")).containsExactly(1, 3);
    }

    @Test
    void badFilesNameTheFileAndTheProblem() throws IOException {
        byte[] labels = ByteBuffer.allocate(10).putInt(Idx.LABELS_MAGIC).putInt(2).put((byte) 1).put((byte) 3).array();
        assertThatThrownBy(() -> Idx.parseImages(labels, "x.idx"))
                .isInstanceOf(DatasetException.class).hasMessage("x.idx: not an IDX images file (magic number 2049, expected 2051)");
        assertThatThrownBy(() -> Idx.parseLabels(Arrays.copyOf(labels, 9), 10, "x.idx"))
                .hasMessage("x.idx: 9 bytes, its IDX header implies 10 (truncated)");
        assertThatThrownBy(() -> Idx.parseLabels(Arrays.copyOf(labels, 11), 10, "x.idx"))
                .hasMessage("x.idx: 11 bytes, its IDX header implies 10 (trailing data)");
        assertThatThrownBy(() -> Idx.parseLabels(labels, 3, "x.idx"))
                .hasMessage("x.idx: label 3 of item 1 is not below 3");
        assertThatThrownBy(() -> Idx.parseLabels(new byte[3], 3, "x.idx"))
                .hasMessage("x.idx: not an IDX labels file (magic number missing, expected 2049)");
        assertThatThrownBy(() -> Idx.parseLabels(Arrays.copyOf(labels, 6), 3, "x.idx"))
                .hasMessage("x.idx: 6 bytes, too short for an IDX header");

        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        Idx.writeImages(tiny(), gzip);
        byte[] cut = Arrays.copyOf(gzip.toByteArray(), gzip.size() / 2);
        assertThatThrownBy(() -> Idx.read(new ByteArrayInputStream(cut), "cut.gz"))
                .isInstanceOf(DatasetException.class).hasMessageStartingWith("cut.gz: corrupt or truncated gzip data");
    }

    @Test
    void onlySingleChannelSetsAreWritten() {
        ImageSet rgb = new ImageSet(new byte[3], new int[] {0}, List.of("a"), 3, 1, 1);
        assertThatThrownBy(() -> Idx.writeImages(rgb, new ByteArrayOutputStream())).hasMessageContaining("single-channel");
    }
}
