package ablate.plugins.bench;

import ablate.harness.cli.EngineSettings;
import ai.djl.Device;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The JMH twin of {@code ablate bench train|infer}: one step of {@link Workload} (the harness's own loader and
 * steps) per operation, on ResNet-20 at batch 128 and on the dispatch-bound tiny model at batch 1. The peer is
 * {@code bench/pytorch_resnet20.py}. Run:
 * {@code bench/jmh plugins ResNetStepBenchmark -f 1 -wi 3 -i 5 -p threads=1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ResNetStepBenchmark {
    /** Model and batch. */
    @Param({"resnet20:128", "tiny:1"})
    public String model;

    @Param({"train", "infer"})
    public String mode;

    /** Engine intra-op threads. */
    @Param({"2"})
    public int threads;

    private Workload workload;

    @Setup
    public void setUp() {
        EngineSettings.apply(threads, 1, System.err); // before the engine loads: the fork has not touched it yet
        String[] spec = model.split(":");
        BenchModel m = BenchModel.of(spec[0]);
        int batch = Integer.parseInt(spec[1]);
        workload = mode.equals("train") ? Workload.train(m, batch, Device.cpu(), 1)
                : Workload.infer(m, batch, Device.cpu(), 1);
    }

    @Benchmark
    public void step() {
        workload.step();
    }

    @TearDown
    public void tearDown() {
        workload.sync();
        workload.close();
    }
}
