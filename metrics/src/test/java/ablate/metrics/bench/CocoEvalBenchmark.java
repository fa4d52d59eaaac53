package ablate.metrics.bench;

import ablate.metrics.detection.coco.CocoEval;
import ablate.metrics.detection.coco.CocoSummary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * COCO evaluation (the work of pycocotools' evaluate() + accumulate() + summarize()) of 5,000 images × N detections
 * over 80 categories, N = 25, 50, 100 to show the scaling in detections. Run:
 * {@code bench/jmh metrics CocoEvalBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class CocoEvalBenchmark {
    @Param({"25", "50", "100"})
    public int detectionsPerImage;

    @Param({"5000"})
    public int images;

    private SyntheticCoco.Data data;

    @Setup(Level.Trial)
    public void setUp() {
        data = SyntheticCoco.generate(images, detectionsPerImage, 42);
    }

    @Benchmark
    public CocoSummary evaluate() {
        return CocoEval.evaluate(data.truth(), data.detections());
    }
}
