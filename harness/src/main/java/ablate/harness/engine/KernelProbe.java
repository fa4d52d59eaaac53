package ablate.harness.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Checks the engine's float32 convolution kernels against its float64 ones (which libtorch computes without
 * oneDNN) on shapes that a misconfigured oneDNN gets wrong: forward outputs and input gradients. Run it in a
 * process of its own ({@link #main}), since oneDNN fixes its kernel choice at first use: the guard asks a child
 * process with the candidate settings, then gives the answer's settings to every process that trains.
 */
public final class KernelProbe {
    /** Shapes as {input channels, output channels, kernel}: the failing ones seen on affected machines first. */
    static final int[][] SHAPES = {
            {2, 1, 7}, {17, 1, 3}, {17, 16, 3}, {16, 24, 3}, {3, 5, 5}, {32, 10, 3}, {8, 8, 1}, {1, 16, 3}};
    private static final double TOLERANCE = 1e-3;

    private KernelProbe() {
    }

    /** One wrong result: the shape, what was compared and the largest relative error found. */
    public record Mismatch(String shape, String what, double error) {
        @Override
        public String toString() {
            return what + " " + shape + " (error " + (Double.isNaN(error) ? "NaN" : String.format("%.3g", error)) + ")";
        }
    }

    /** Runs every shape on the CPU in this process; empty when every float32 result agrees with float64. */
    public static List<Mismatch> check() {
        List<Mismatch> wrong = new ArrayList<>();
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            for (int[] s : SHAPES) {
                check(manager, s[0], s[1], s[2], wrong);
            }
        }
        return wrong;
    }

    private static void check(NDManager parent, int in, int out, int k, List<Mismatch> wrong) {
        try (NDManager m = parent.newSubManager()) {
            Random random = new Random(31L * in + 7L * out + k);
            NDArray x = random(m, random, new Shape(2, in, 13, 11));
            NDArray w = random(m, random, new Shape(out, in, k, k));
            NDArray g = random(m, random, new Shape(2, out, 13, 11));
            String shape = "[in " + in + ", out " + out + ", " + k + "x" + k + "]";
            NDArray[] single = run(x, w, g, k);
            NDArray[] dbl = run(x.toType(DataType.FLOAT64, false), w.toType(DataType.FLOAT64, false),
                    g.toType(DataType.FLOAT64, false), k);
            compare(single[0], dbl[0], shape, "conv forward", wrong);
            compare(single[1], dbl[1], shape, "conv input gradient", wrong);
            compare(single[2], dbl[2], shape, "conv weight gradient", wrong);
        }
    }

    /** Forward output, input gradient and weight gradient of sum(conv(x, w) * g). */
    private static NDArray[] run(NDArray x0, NDArray w0, NDArray g, int k) {
        NDArray x = x0.duplicate();
        NDArray w = w0.duplicate();
        x.setRequiresGradient(true);
        w.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(k / 2, k / 2)).singletonOrThrow();
            collector.backward(y.mul(g).sum());
            return new NDArray[]{y.stopGradient(), x.getGradient().duplicate(), w.getGradient().duplicate()};
        }
    }

    private static void compare(NDArray single, NDArray reference, String shape, String what, List<Mismatch> wrong) {
        double[] a = single.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] b = reference.toDoubleArray();
        double scale = 1;
        for (double v : b) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double e = Math.abs(a[i] - b[i]) / scale;
            if (!(e <= TOLERANCE)) { // NaN counts as wrong
                worst = Double.isNaN(e) || Double.isNaN(worst) ? Double.NaN : Math.max(worst, e);
            }
        }
        if (worst != 0) {
            wrong.add(new Mismatch(shape, what, worst));
        }
    }

    private static NDArray random(NDManager m, Random random, Shape shape) {
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return m.create(v, shape);
    }

    /** Prints one line: {@code correct} or {@code wrong: <first mismatches>}; exit 0 either way. */
    public static void main(String[] args) {
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        List<Mismatch> wrong = check();
        String cap = System.getenv("ONEDNN_MAX_CPU_ISA");
        System.out.println((wrong.isEmpty() ? "correct" : "wrong: " + wrong.size() + " of " + SHAPES.length * 3
                + " results, e.g. " + wrong.subList(0, Math.min(3, wrong.size())))
                + " (ONEDNN_MAX_CPU_ISA=" + (cap == null ? "unset" : cap) + ")");
        System.out.flush();
        System.exit(0);
    }
}
