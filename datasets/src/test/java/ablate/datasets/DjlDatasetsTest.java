package ablate.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DjlDatasetsTest {
    @Test
    void arrayDatasetHoldsTheFilledFloatsAndShufflesBySeed() throws Exception {
        ImageSet set = ImageSetTest.numbered(10, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset dataset = DjlDatasets.arrayDataset(manager, set, Normalization.NONE, 4, 9);
            List<Float> epochOne = new ArrayList<>();
            int batches = 0;
            for (Batch batch : dataset.getData(manager)) {
                try (batch) {
                    assertThat(batch.getData().singletonOrThrow().getShape().getShape()).endsWith(2, 2, 3);
                    float[] pixels = batch.getData().singletonOrThrow().toFloatArray();
                    float[] labels = batch.getLabels().singletonOrThrow().toFloatArray();
                    for (int k = 0; k < labels.length; k++) {
                        int image = Math.round(pixels[k * 12] * 255f) / 12;  // byte 0 of image i is 12 * i
                        assertThat(labels[k]).isEqualTo(image % 3);
                        assertThat(pixels[k * 12 + 5]).isEqualTo((float) (12 * image + 5) / 255f);
                        epochOne.add(pixels[k * 12]);
                    }
                    batches++;
                }
            }
            assertThat(batches).isEqualTo(3);
            assertThat(epochOne).hasSize(10).doesNotHaveDuplicates();
        }
    }

    @Test
    void seededShuffleDrawsANewOrderEachEpochAndRepeatsPerSeed() {
        ImageSet set = ImageSetTest.numbered(50, 5);
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset dataset = DjlDatasets.arrayDataset(manager, set, Normalization.NONE, 50, 1);
            var a = DjlDatasets.seededShuffle(3);
            var b = DjlDatasets.seededShuffle(3);
            List<Long> a1 = drain(a.sample(dataset));
            List<Long> a2 = drain(a.sample(dataset));
            assertThat(drain(b.sample(dataset))).isEqualTo(a1);
            assertThat(a2).isNotEqualTo(a1).containsExactlyInAnyOrderElementsOf(a1);
        }
    }

    private static List<Long> drain(java.util.Iterator<Long> it) {
        List<Long> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
