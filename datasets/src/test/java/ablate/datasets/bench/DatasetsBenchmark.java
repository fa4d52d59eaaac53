package ablate.datasets.bench;

import ablate.datasets.FashionMnist;
import ablate.datasets.ImageSet;
import ablate.datasets.Normalization;
import ablate.datasets.detection.DetectionSet;
import ablate.datasets.detection.SceneSpec;
import ablate.datasets.detection.SyntheticScenes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the data side costs a training loop: one 128-image Fashion-MNIST batch to floats, and generating
 * detection scenes. Run: {@code bench/jmh datasets DatasetsBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DatasetsBenchmark {
    private static final int BATCH = 128;
    private ImageSet train;
    private int[] order;
    private float[] buffer;
    private Normalization normalization;
    private int from;

    @Setup
    public void setup() {
        train = FashionMnist.embedded().train();
        order = train.shuffledIndices(1);
        buffer = new float[BATCH * train.imageSize()];
        normalization = Normalization.of(new float[] {0.2860f}, new float[] {0.3530f});
    }

    /** One normalised batch of 128×1×28×28 floats, walking through a shuffled epoch. */
    @Benchmark
    public float fillBatch128() {
        from = from + 2 * BATCH > order.length ? 0 : from + BATCH;
        train.fill(order, from, BATCH, buffer, normalization);
        return buffer[from % buffer.length];
    }

    /** 100 crowded 96×96 scenes. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public DetectionSet crowdedScenes100() {
        return SyntheticScenes.generate(SceneSpec.crowded(), 100, 7);
    }
}
