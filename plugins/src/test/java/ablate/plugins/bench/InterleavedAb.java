package ablate.plugins.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * A/B comparison of two {@link StepVariantsBenchmark} methods that stays meaningful on a busy machine: the two
 * alternate in blocks within one JVM, and each block is timed by the CPU time of the stepping thread (which other
 * processes do not inflate) as well as by wall time. Prints the median per-op times and the median of the
 * per-round ratios B/A. Only for variants whose work all runs on the calling thread or equally off it (train*,
 * infer*), not batch* (the loader fills batches on its own thread).
 * {@code java -cp ... ablate.plugins.bench.InterleavedAb tiny:1 trainDirectUpdate trainTrainerStep 40 200 1}
 */
public final class InterleavedAb {
    private InterleavedAb() {
    }

    public static void main(String[] args) throws Exception {
        StepVariantsBenchmark bench = new StepVariantsBenchmark();
        bench.model = args[0];
        Method a = StepVariantsBenchmark.class.getMethod(args[1]);
        Method b = StepVariantsBenchmark.class.getMethod(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int block = Integer.parseInt(args[4]);
        bench.threads = Integer.parseInt(args[5]);
        bench.setUp();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try {
            for (int i = 0; i < Math.max(2, rounds / 5); i++) { // warm-up rounds: JIT, optimizer state
                run(bench, a, block);
                run(bench, b, block);
            }
            double[][] cpu = new double[2][rounds];
            double[][] wall = new double[2][rounds];
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                Method[] order = r % 2 == 0 ? new Method[]{a, b} : new Method[]{b, a};
                for (Method m : order) {
                    int k = m == a ? 0 : 1;
                    long c0 = mx.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    run(bench, m, block);
                    wall[k][r] = (System.nanoTime() - t0) / 1e6 / block;
                    cpu[k][r] = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / block;
                }
                ratio[r] = cpu[1][r] / cpu[0][r];
            }
            System.out.printf("%s %s vs %s, %d rounds of %d ops, %d threads, load %.2f%n", args[0], args[1], args[2],
                    rounds, block, bench.threads, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf("  A %-20s thread CPU %.4f ms/op, wall %.4f ms/op%n", args[1], median(cpu[0]), median(wall[0]));
            System.out.printf("  B %-20s thread CPU %.4f ms/op, wall %.4f ms/op%n", args[2], median(cpu[1]), median(wall[1]));
            double[] sorted = ratio.clone();
            Arrays.sort(sorted);
            System.out.printf("  B/A thread CPU: median %.3f, quartiles %.3f-%.3f%n", median(ratio),
                    sorted[rounds / 4], sorted[(3 * rounds) / 4]);
        } finally {
            bench.tearDown();
        }
    }

    private static void run(StepVariantsBenchmark bench, Method m, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            m.invoke(bench);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
