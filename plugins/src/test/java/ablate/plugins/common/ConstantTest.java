package ablate.plugins.common;

import ablate.harness.spi.Params;
import ablate.plugins.attention.SimAmBlock;
import ablate.plugins.detection.losses.CiouLoss;
import ablate.plugins.detection.losses.FocalLoss;
import ablate.plugins.detection.losses.SmoothL1Loss;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gradients must not depend on when the garbage collector runs: between each forward and backward pass below, the
 * collector runs and the freed native memory is reused (filled with other numbers), as happens in long training runs
 * and between parallel trials.
 */
class ConstantTest {
    private static final int ROUNDS = 12;

    /** Runs the collector and refills freed small native blocks with another number. */
    private static void churnMemory() {
        System.gc();
        List<ByteBuffer> junk = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            junk.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, 12345f));
        }
    }

    /** d/dx of {@code f(x).sum()}, with or without memory churn between the forward and the backward pass. */
    private static float[] gradient(Function<NDArray, NDArray> f, float[] input, Shape shape, boolean churn) {
        try (NDManager m = NDManager.newBaseManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = m.create(input, shape);
            x.setRequiresGradient(true);
            NDArray y = f.apply(x).sum();
            if (churn) {
                churnMemory();
            }
            gc.backward(y);
            return x.getGradient().toFloatArray();
        }
    }

    private static void assertStableGradients(Function<NDArray, NDArray> f, float[] input, Shape shape) {
        float[] reference = gradient(f, input, shape, false);
        assertThat(reference).doesNotContain(Float.NaN);
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(gradient(f, input, shape, true)).as("round %d", round).containsExactly(reference);
        }
    }

    private static float[] ramp(int n, float from, float step) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + step * ((i * 7) % n);
        }
        return v;
    }

    @Test
    void djlsNumberOperandIsFreedBeforeTheBackwardPassWhichIsWhyConstantExists() {
        // If this starts to fail, DJL keeps its scalars alive now and Constant could go.
        int wrong = 0;
        for (int round = 0; round < ROUNDS; round++) {
            float[] g = gradient(x -> x.mul(4), new float[]{1, 2, 3}, new Shape(3), true);
            wrong += g[0] == 4f ? 0 : 1;
        }
        assertThat(wrong).isPositive();
    }

    @Test
    void constantsKeepTheirValueThroughTheBackwardPass() {
        assertStableGradients(x -> x.mul(Constant.like(x, 4)).div(Constant.like(x, 2)), new float[]{1, 2, 3}, new Shape(3));
        assertThat(gradient(x -> x.mul(Constant.like(x, 4)).div(Constant.like(x, 2)), new float[]{1, 2, 3}, new Shape(3), true))
                .containsExactly(2, 2, 2);
    }

    @Test
    void simAmGradientsDoNotDependOnTheCollector() {
        SimAmBlock block = new SimAmBlock(3, 1e-4);
        Shape shape = new Shape(2, 3, 4, 4);
        try (BlockFixture fixture = new BlockFixture()) {
            fixture.init(block, shape);
            assertStableGradients(x -> block.forward(new ParameterStore(x.getManager(), false), new NDList(x), true)
                    .singletonOrThrow(), ramp(96, -1, 0.03f), shape);
        }
    }

    @Test
    void lossGradientsDoNotDependOnTheCollector() {
        Shape logits = new Shape(4, 3);
        float[] targets = {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0};
        assertStableGradients(x -> new FocalLoss().loss(x, x.getManager().create(targets, logits),
                Params.defaults(new FocalLoss().info())), ramp(12, -2, 0.4f), logits);
        Shape boxes = new Shape(3, 4);
        float[] truth = {0, 0, 10, 10, 5, 5, 20, 15, 1, 2, 4, 9};
        float[] predicted = {1, 1, 9, 12, 4, 6, 18, 16, 0, 1, 5, 8};
        assertStableGradients(x -> new CiouLoss().loss(x, x.getManager().create(truth, boxes),
                Params.defaults(new CiouLoss().info())), predicted, boxes);
        assertStableGradients(x -> new SmoothL1Loss().loss(x, x.getManager().create(truth, boxes),
                Params.defaults(new SmoothL1Loss().info())), predicted, boxes);
    }
}
