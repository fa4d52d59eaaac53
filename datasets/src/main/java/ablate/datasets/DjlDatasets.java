package ablate.datasets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;

import java.util.Arrays;
import java.util.Iterator;

/**
 * Adapters to DJL's dataset API for code that trains with DJL's {@code EasyTrain}. Ablate's own training loops
 * use {@link ImageSet#fill} directly; these keep the same determinism (a seeded shuffle per epoch).
 */
public final class DjlDatasets {
    private DjlDatasets() {
    }

    /**
     * The whole set as float32 data {@code [N, C, H, W]} and float32 labels {@code [N]} (DJL's convention for
     * sparse labels), in batches of {@code batchSize} drawn by {@link #seededShuffle(long)}. The arrays are
     * attached to {@code manager}.
     */
    public static ArrayDataset arrayDataset(NDManager manager, ImageSet set, Normalization normalization,
                                            int batchSize, long seed) {
        int[] all = new int[set.size()];
        Arrays.setAll(all, i -> i);
        float[] pixels = new float[set.size() * set.imageSize()];
        set.fill(all, 0, all.length, pixels, normalization);
        float[] labels = new float[set.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = set.label(i);
        }
        NDArray data = manager.create(pixels, new Shape(set.size(), set.channels(), set.height(), set.width()));
        return new ArrayDataset.Builder()
                .setData(data)
                .optLabels(manager.create(labels))
                .setSampling(new BatchSampler(seededShuffle(seed), batchSize, false))
                .build();
    }

    /**
     * A sampler that visits every index once per epoch in the order {@link Indices#shuffled} draws from
     * {@code Indices.derive(seed, epoch)}; the epoch counts the calls to {@code sample}.
     */
    public static Sampler.SubSampler seededShuffle(long seed) {
        return new Sampler.SubSampler() {
            private long epoch;

            @Override
            public synchronized Iterator<Long> sample(RandomAccessDataset dataset) {
                int[] order = Indices.shuffled(Math.toIntExact(dataset.size()), Indices.derive(seed, epoch++));
                return Arrays.stream(order).mapToObj(i -> (long) i).iterator();
            }
        };
    }
}
