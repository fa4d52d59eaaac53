package ablate.plugins.bench;

import ablate.harness.cli.EngineSettings;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Single ops through DJL, each output freed right after the op (as Python frees a temporary): {@code add1} (two
 * 1-element arrays: pure dispatch cost), {@code conv16x8x8} (a 3×3 convolution of a 1×16×8×8 input with 16
 * filters, padding 1), {@code relu128x16x28x28} (a memory-bound op on a ResNet-20 stage-1 activation). The peer
 * is {@code bench/pytorch_resnet20.py ops}. {@code reluKeep16} runs the same relu 16 times with every output kept
 * alive until the 16th, as arrays left on a long-lived manager would be: each op then writes fresh memory.
 * Run: {@code bench/jmh plugins OpBenchmark -f 1 -wi 3 -i 5 -p threads=1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OpBenchmark {
    private static final int KEEP = 16;
    private static final Shape ONE = new Shape(1, 1);

    /** Engine intra-op threads. */
    @Param({"1"})
    public int threads;

    private NDManager manager;
    private NDArray a;
    private NDArray b;
    private NDArray big;
    private NDArray x;
    private NDArray w;

    @Setup
    public void setUp() {
        EngineSettings.apply(threads, 1, System.err);
        manager = NDManager.newBaseManager();
        a = manager.randomNormal(new Shape(1));
        b = manager.randomNormal(new Shape(1));
        big = manager.randomNormal(new Shape(128, 16, 28, 28));
        x = manager.randomNormal(new Shape(1, 16, 8, 8));
        w = manager.randomNormal(new Shape(16, 16, 3, 3));
    }

    @TearDown
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public void add1() {
        a.add(b).close();
    }

    @Benchmark
    public void conv16x8x8() {
        Conv2d.conv2d(x, w, null, ONE, ONE, ONE).singletonOrThrow().close();
    }

    @Benchmark
    public void relu128x16x28x28() {
        Activation.relu(big).close();
    }

    @Benchmark
    @OperationsPerInvocation(KEEP)
    public void reluKeep16() {
        NDArray[] kept = new NDArray[KEEP];
        for (int i = 0; i < KEEP; i++) {
            kept[i] = Activation.relu(big);
        }
        for (NDArray k : kept) {
            k.close();
        }
    }
}
