package ablate.metrics.bench;

import ablate.metrics.detection.coco.CocoEval;
import ablate.metrics.image.ImageQuality;
import ablate.metrics.image.Plane;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * CPU time (not wall time) of the benchmarked operations, for a machine shared with other jobs where JMH's wall
 * times mostly measure the wait for a core: SSIM 2048×2048 as this thread's CPU time, COCO evaluation of
 * 5,000 images as the process's CPU time (all threads). Prints min and median over the repetitions after warm-up.
 * Run: {@code java -cp metrics/target/test-classes:metrics/target/classes:$(cat metrics/target/jmh.classpath)
 * ablate.metrics.bench.CpuTimes [REPETITIONS=15]} (after {@code bench/jmh} built the classpath file).
 */
public final class CpuTimes {
    private CpuTimes() {
    }

    interface Work {
        double run();
    }

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        SsimBenchmark ssim = new SsimBenchmark();
        ssim.setUp();
        report("ssim 2048x2048 (thread CPU)", repetitions, true, ssim::ssim2048);
        for (int perImage : new int[]{25, 50, 100}) {
            SyntheticCoco.Data data = SyntheticCoco.generate(5000, perImage, 42);
            report("coco 5000 images x " + perImage + " detections (process CPU)", repetitions, false,
                    () -> CocoEval.evaluate(data.truth(), data.detections()).ap());
        }
    }

    private static void report(String name, int repetitions, boolean thread, Work work) {
        var threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < 5; i++) {
            work.run();
        }
        double[] cpu = new double[repetitions];
        double[] wall = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long c0 = thread ? threads.getCurrentThreadCpuTime() : os.getProcessCpuTime();
            long w0 = System.nanoTime();
            work.run();
            wall[i] = (System.nanoTime() - w0) / 1e6;
            cpu[i] = ((thread ? threads.getCurrentThreadCpuTime() : os.getProcessCpuTime()) - c0) / 1e6;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf("%-50s CPU min %7.1f ms, median %7.1f ms | wall min %7.1f ms, median %7.1f ms%n",
                name, cpu[0], cpu[repetitions / 2], wall[0], wall[repetitions / 2]);
    }
}
