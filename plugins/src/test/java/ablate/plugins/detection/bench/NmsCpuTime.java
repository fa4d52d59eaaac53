package ablate.plugins.detection.bench;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ablate.plugins.detection.DetectionModule;
import ablate.plugins.detection.Detections;
import ablate.plugins.detection.PostprocessPlugin;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The cases of {@link NmsBenchmark} timed in thread CPU time instead of wall time, so that a loaded machine
 * (other processes taking the cores) inflates the figures much less; {@code torchvision_nms_bench.py} reports
 * the same measure for torchvision. Median of 5 batches of at least 0.3 s CPU each, after 2 s of warm-up.
 * Run: {@code java -cp <test classpath> ablate.plugins.detection.bench.NmsCpuTime}
 */
public final class NmsCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private NmsCpuTime() {
    }

    public static void main(String[] args) {
        Set<Plugin> plugins = Guice.createInjector(new DetectionModule()).getInstance(Key.get(new TypeLiteral<Set<Plugin>>() {
        }));
        List<PostprocessPlugin> sorted = plugins.stream().map(PostprocessPlugin.class::cast)
                .sorted(Comparator.comparing(Plugin::id)).toList();
        for (int n : new int[]{1000, 10000}) {
            Detections boxes = BenchBoxes.generate(n, 42);
            for (PostprocessPlugin plugin : sorted) {
                Params params = Params.defaults(plugin.info());
                Supplier<Detections> call = () -> plugin.apply(boxes, params);
                System.out.printf("%6d boxes %-30s kept %5d  median %10.1f us CPU/call%n", n, plugin.id(),
                        call.get().size(), medianCpuMicros(call));
            }
        }
    }

    static double medianCpuMicros(Supplier<?> call) {
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            call.get();
        }
        double[] batches = new double[5];
        for (int b = 0; b < batches.length; b++) {
            long start = THREADS.getCurrentThreadCpuTime();
            int calls = 0;
            long spent;
            do {
                call.get();
                calls++;
                spent = THREADS.getCurrentThreadCpuTime() - start;
            } while (spent < 300_000_000L);
            batches[b] = spent / 1e3 / calls;
        }
        Arrays.sort(batches);
        return batches[batches.length / 2];
    }
}
