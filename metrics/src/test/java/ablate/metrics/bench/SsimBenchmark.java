package ablate.metrics.bench;

import ablate.metrics.image.ImageQuality;
import ablate.metrics.image.Plane;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * SSIM (scikit-image conventions, float64) of a 2048×2048 8-bit pair on one thread; PSNR for scale.
 * Run: {@code bench/jmh metrics SsimBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class SsimBenchmark {
    private Plane reference;
    private Plane test;

    @Setup(Level.Trial)
    public void setUp() {
        int side = 2048;
        Random random = new Random(7);
        double[] a = new double[side * side];
        double[] b = new double[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = y * side + x;
                a[i] = (x / 8 + y / 8 + random.nextInt(32)) % 256;
                b[i] = Math.min(255, Math.max(0, Math.round(a[i] + 6 * random.nextGaussian())));
            }
        }
        reference = new Plane(side, side, a);
        test = new Plane(side, side, b);
    }

    @Benchmark
    public double ssim2048() {
        return ImageQuality.ssim(reference, test, 255);
    }

    @Benchmark
    public double psnr2048() {
        return ImageQuality.psnr(reference, test, 255);
    }
}
