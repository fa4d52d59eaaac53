package ablate.datasets.segmentation;

import ablate.datasets.DatasetException;
import ablate.datasets.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentationDataTest {
    private static final GarmentScenes.Spec SPEC = new GarmentScenes.Spec(64, 8, 20, 3);

    @Test
    void sameSeedSameScenesAndLabelsFollowTheGarments() {
        var garments = FashionMnist.embedded().test();
        SegmentationSet a = GarmentScenes.generate(garments, 20, SPEC, 7, "s");
        SegmentationSet b = GarmentScenes.generate(garments, 20, SPEC, 7, "s");
        SegmentationSet c = GarmentScenes.generate(garments, 20, SPEC, 8, "s");
        assertThat(a.numClasses()).isEqualTo(11);
        assertThat(a.classNames().get(0)).isEqualTo("background");
        for (int i = 0; i < 20; i++) {
            assertThat(a.image(i)).isEqualTo(b.image(i));
            assertThat(a.labelMap(i)).isEqualTo(b.labelMap(i));
        }
        assertThat(a.labelMap(0)).isNotEqualTo(c.labelMap(0));
        // every scene has a garment, and a pixel is labelled a garment exactly where it is bright enough
        for (int i = 0; i < 20; i++) {
            int[] labels = a.labelMap(i);
            byte[] image = a.image(i);
            int foreground = 0;
            for (int k = 0; k < labels.length; k++) {
                assertThat(labels[k]).isBetween(0, 10);
                if (labels[k] > 0) {
                    foreground++;
                    assertThat(image[k] & 0xFF).isGreaterThanOrEqualTo(GarmentScenes.FOREGROUND);
                } else {
                    assertThat(image[k] & 0xFF).isLessThanOrEqualTo(GarmentScenes.NOISE);
                }
            }
            assertThat(foreground).isPositive().isLessThanOrEqualTo(3 * 20 * 20);
        }
    }

    @Test
    void folderRoundTripsAndRejectsBadInput(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("labels"));
        List<String> classes = List.of("bg", "a", "b");
        LabelPng.write(dir.resolve("images/x.png"), new int[]{0, 50, 100, 150, 200, 250}, 3, 2);
        LabelPng.write(dir.resolve("labels/x.png"), new int[]{0, 1, 2, 255, 1, 0}, 3, 2);
        SegmentationSet set = SegmentationFolder.read(dir, classes, 255, 1);
        assertThat(set.size()).isEqualTo(1);
        assertThat(set.labelMap(0)).containsExactly(0, 1, 2, 255, 1, 0);
        assertThat(set.image(0)[1] & 0xFF).isEqualTo(50);

        LabelPng.write(dir.resolve("labels/x.png"), new int[]{0, 1, 3, 0, 0, 0}, 3, 2);
        assertThatThrownBy(() -> SegmentationFolder.read(dir, classes, 255, 1)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("labels/x.png: class id 3 at pixel (2, 0)");
        LabelPng.write(dir.resolve("labels/x.png"), new int[]{0, 1, 2, 0}, 2, 2);
        assertThatThrownBy(() -> SegmentationFolder.read(dir, classes, 255, 1))
                .hasMessageContaining("labels/x.png: label map is 2×2, its image 3×2");
        Files.writeString(dir.resolve("images/notes.txt"), "hi");
        assertThatThrownBy(() -> SegmentationFolder.read(dir, classes, 255, 1))
                .hasMessageContaining("notes.txt: not a PNG file");
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty.resolve("images"));
        assertThatThrownBy(() -> SegmentationFolder.read(empty, classes, 255, 1)).hasMessageContaining("empty folder");
    }
}
