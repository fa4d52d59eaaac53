package ablate.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSetTest {
    /** n images of 2×2×3 (C×H×W) whose bytes are 12·i + position; label i % classes. */
    static ImageSet numbered(int n, int classes) {
        byte[] pixels = new byte[n * 12];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 12; p++) {
                pixels[i * 12 + p] = (byte) (12 * i + p);
            }
            labels[i] = i % classes;
        }
        List<String> names = java.util.stream.IntStream.range(0, classes).mapToObj(c -> "c" + c).toList();
        return new ImageSet(pixels, labels, names, 2, 2, 3);
    }

    @Test
    void rejectsInconsistentShapesAndLabels() {
        assertThatThrownBy(() -> new ImageSet(new byte[11], new int[] {0}, List.of("a"), 2, 2, 3))
                .hasMessageContaining("need 12 pixel bytes, got 11");
        assertThatThrownBy(() -> new ImageSet(new byte[12], new int[] {1}, List.of("a"), 2, 2, 3))
                .hasMessageContaining("label 1 of image 0 is outside 0..0");
        assertThatThrownBy(() -> new ImageSet(new byte[0], new int[0], List.of("a"), 0, 2, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subsetCopiesImagesAndLabelsInOrder() {
        ImageSet set = numbered(5, 3);
        ImageSet sub = set.subset(new int[] {4, 1, 1});
        assertThat(sub.size()).isEqualTo(3);
        assertThat(sub.labels()).containsExactly(1, 1, 1);
        assertThat(sub.image(0)).isEqualTo(set.image(4));
        assertThat(sub.image(2)).isEqualTo(set.image(1));
        assertThat(sub.classNames()).isEqualTo(set.classNames());
        assertThatThrownBy(() -> set.subset(new int[] {5})).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shuffleIsASeededPermutation() {
        ImageSet set = numbered(100, 10);
        int[] a = set.shuffledIndices(7);
        assertThat(a).isEqualTo(set.shuffledIndices(7)).isNotEqualTo(set.shuffledIndices(8));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        assertThat(sorted).isEqualTo(java.util.stream.IntStream.range(0, 100).toArray());
    }

    @Test
    void stratifiedSampleKeepsClassSharesAndIsSeeded() {
        ImageSet set = numbered(1000, 10);
        int[] picked = set.stratifiedIndices(250, 3);
        assertThat(picked).isSorted().doesNotHaveDuplicates().hasSize(250);
        assertThat(set.subset(picked).classCounts()).containsOnly(25);
        assertThat(set.stratifiedIndices(250, 3)).isEqualTo(picked);
        assertThat(set.stratifiedIndices(250, 4)).isNotEqualTo(picked);
        assertThat(set.stratified(1000, 3)).isSameAs(set);
        assertThatThrownBy(() -> set.stratifiedIndices(1001, 3)).hasMessageContaining("1001 from 1000");
    }

    @Test
    void quotaUsesLargestRemainders() {
        // 7 of (5, 3, 2): exact shares 3.5, 2.1, 1.4 -> floors 3, 2, 1 and the one left goes to the largest remainder (.5)
        assertThat(ImageSet.stratifiedQuota(new int[] {5, 3, 2}, 7)).containsExactly(4, 2, 1);
        // 2 of (1, 1, 1, 1): equal remainders, ties to the lower labels
        assertThat(ImageSet.stratifiedQuota(new int[] {1, 1, 1, 1}, 2)).containsExactly(1, 1, 0, 0);
        assertThat(ImageSet.stratifiedQuota(new int[] {4, 0, 6}, 10)).containsExactly(4, 0, 6);
    }

    @Test
    void fillWritesScaledAndNormalisedChwFloats() {
        ImageSet set = numbered(3, 2);
        float[] out = new float[2 * 12 + 5];
        Arrays.fill(out, -7f);
        set.fill(new int[] {0, 2, 1}, 1, 2, out, Normalization.NONE);
        for (int p = 0; p < 12; p++) {
            assertThat(out[p]).isEqualTo((float) (24 + p) / 255f);
            assertThat(out[12 + p]).isEqualTo((float) (12 + p) / 255f);
        }
        assertThat(out[24]).isEqualTo(-7f);

        Normalization norm = Normalization.of(new float[] {0.5f, 0.25f}, new float[] {0.5f, 2f});
        set.fill(new int[] {1}, 0, 1, out, norm);
        assertThat(out[0]).isEqualTo(((float) 12 / 255f - 0.5f) / 0.5f);  // channel 0, first pixel
        assertThat(out[6]).isEqualTo(((float) 18 / 255f - 0.25f) / 2f);   // channel 1 starts after H*W = 6
        assertThatThrownBy(() -> set.fill(new int[] {0, 1, 2}, 0, 3, new float[35], Normalization.NONE))
                .hasMessageContaining("holds 35 floats");
    }

    @Test
    void fillLabelsFollowsTheIndices() {
        ImageSet set = numbered(6, 3);
        int[] out = new int[2];
        set.fillLabels(new int[] {5, 4, 3}, 1, 2, out);
        assertThat(out).containsExactly(1, 0);
    }

    @Test
    void statisticsArePopulationMeanAndStdPerChannel() {
        // two 2x1x1 images: channel 0 holds {0, 255} -> mean 0.5, std 0.5; channel 1 is constant 255 -> std 1
        ImageSet set = new ImageSet(new byte[] {0, (byte) 255, (byte) 255, (byte) 255}, new int[] {0, 0},
                List.of("a"), 2, 1, 1);
        Normalization stats = set.statistics();
        assertThat(stats.mean()).containsExactly(0.5f, 1f);
        assertThat(stats.std()).containsExactly(0.5f, 1f);
        assertThatThrownBy(() -> Normalization.of(new float[] {0f}, new float[] {0f})).hasMessageContaining("std > 0");
    }
}
