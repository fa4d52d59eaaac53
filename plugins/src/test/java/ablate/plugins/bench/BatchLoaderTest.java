package ablate.plugins.bench;

import ablate.datasets.ImageSet;
import ablate.datasets.Normalization;
import ablate.plugins.common.BatchLoader;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchLoaderTest {
    private static final Normalization NORM = Normalization.of(new float[]{0.25f, 0.5f, 0.75f}, new float[]{2f, 1f, 0.5f});

    /** 10 random 3×4×5 images with labels 0..2. */
    private static ImageSet images() {
        Random random = new Random(7);
        byte[] pixels = new byte[10 * 3 * 4 * 5];
        random.nextBytes(pixels);
        int[] labels = random.ints(10, 0, 3).toArray();
        return new ImageSet(pixels, labels, List.of("a", "b", "c"), 3, 4, 5);
    }

    @Test
    void batchesHoldTheImagesAndLabelsOfTheOrderTheLastOneShorter() {
        ImageSet set = images();
        int[] order = {9, 2, 2, 5, 0, 7, 1, 3, 8, 4, 6};
        try (NDManager manager = NDManager.newBaseManager();
             BatchLoader loader = new BatchLoader(set, NORM, order, 4, 3)) {
            for (int k = 0; k < 3; k++) {
                assertThat(loader.hasNext()).isTrue();
                BatchLoader.Batch batch = loader.next();
                int count = Math.min(4, order.length - 4 * k);
                float[] expected = new float[count * set.imageSize()];
                set.fill(order, 4 * k, count, expected, NORM);
                int[] labels = new int[count];
                set.fillLabels(order, 4 * k, count, labels);
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = batch.images(step);
                    NDArray y = batch.labels(step);
                    assertThat(batch.size()).isEqualTo(count);
                    assertThat(x.getShape()).isEqualTo(new Shape(count, 3, 4, 5));
                    assertThat(x.getDataType()).isEqualTo(DataType.FLOAT32);
                    assertThat(x.toFloatArray()).containsExactly(expected);
                    assertThat(y.toIntArray()).containsExactly(labels);
                }
            }
            assertThat(loader.hasNext()).isFalse();
            assertThatThrownBy(loader::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void aFailureWhilePreparingABatchReachesTheCaller() {
        int[] order = {0, 1, 2, 99}; // 99: no such image
        try (BatchLoader loader = new BatchLoader(images(), NORM, order, 2, 2)) {
            loader.next();
            assertThatThrownBy(loader::next).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("preparing batch 1 failed");
        }
    }

    @Test
    void closingBeforeTheEndStopsTheBackgroundThread() {
        int[] order = new int[1000];
        Arrays.fill(order, 3);
        BatchLoader loader = new BatchLoader(images(), NORM, order, 1, 1000);
        loader.next();
        loader.close(); // returns only once the thread has ended (it is blocked on a full queue)
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("ablate-batches") && t.isAlive());
    }

    @Test
    void refusesMoreBatchesThanTheOrderHolds() {
        assertThatThrownBy(() -> new BatchLoader(images(), NORM, new int[8], 4, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 batches of 4");
    }
}
