package ablate.plugins.detection.bench;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ablate.plugins.detection.DetectionModule;
import ablate.plugins.detection.Detections;
import ablate.plugins.detection.PostprocessPlugin;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Every post-processor on one image of 1k and 10k detector-like boxes (one category, default parameters),
 * the whole {@code apply} call: grouping, sorting, suppression and building the result. The peer is
 * {@code torchvision_nms_bench.py} on the same boxes. Run:
 * {@code bench/jmh plugins NmsBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NmsBenchmark {
    @Param({"1000", "10000"})
    public int boxes;

    @Param({"greedy", "soft-nms-linear", "soft-nms-gaussian", "diou", "weighted", "matrix"})
    public String method;

    private Detections detections;
    private PostprocessPlugin plugin;
    private Params params;

    @Setup
    public void setUp() {
        detections = BenchBoxes.generate(boxes, 42);
        Set<Plugin> plugins = Guice.createInjector(new DetectionModule()).getInstance(Key.get(new TypeLiteral<Set<Plugin>>() {
        }));
        plugin = (PostprocessPlugin) plugins.stream().filter(p -> p.id().equals("postprocess." + method)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no plugin postprocess." + method));
        params = Params.defaults(plugin.info());
    }

    @Benchmark
    public Detections apply() {
        return plugin.apply(detections, params);
    }
}
