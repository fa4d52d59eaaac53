package ablate.plugins.models.bench;

import ablate.harness.spi.Params;
import ablate.plugins.attention.CbamPlugin;
import ablate.plugins.attention.EcaPlugin;
import ablate.plugins.attention.NoAttentionPlugin;
import ablate.plugins.attention.SePlugin;
import ablate.plugins.attention.SimAmPlugin;
import ablate.plugins.classification.AttentionPlugin;
import ablate.plugins.models.ResNetMiniPlugin;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One training step's forward and backward pass (no optimizer update) and one inference forward pass of
 * ResNet-mini on a batch of Fashion-MNIST-sized images (1×28×28), on the default engine device.
 * {@code bench/jmh plugins ResNetBenchmark -f 1 -wi 3 -i 5}; images/s = batch / (ms / 1000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ResNetBenchmark {
    private static final Map<String, AttentionPlugin> ATTENTION = Map.of("none", new NoAttentionPlugin(),
            "se", new SePlugin(), "cbam", new CbamPlugin(), "eca", new EcaPlugin(), "simam", new SimAmPlugin());

    @Param({"20", "8"})
    int depth;

    @Param({"16"})
    int width;

    @Param({"128"})
    int batch;

    @Param({"none"})
    String attention;

    private NDManager manager;
    private Block net;
    private Shape shape;
    private float[] images;
    private float[] labels;

    @Setup
    public void setUp() {
        AttentionPlugin plugin = ATTENTION.get(attention);
        net = ResNetMiniPlugin.build(depth, width, 10, c -> plugin.create(c, Params.defaults(plugin.info())));
        shape = new Shape(batch, 1, 28, 28);
        manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(1);
        net.initialize(manager, DataType.FLOAT32, shape);
        Random random = new Random(1);
        images = new float[(int) shape.size()];
        labels = new float[batch];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < batch; i++) {
            labels[i] = random.nextInt(10);
        }
    }

    @TearDown
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public float trainForwardBackward() {
        try (NDManager step = manager.newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = net.forward(new ParameterStore(step, false), new NDList(step.create(images, shape)), true)
                    .singletonOrThrow();
            NDArray loss = Loss.softmaxCrossEntropyLoss()
                    .evaluate(new NDList(step.create(labels)), new NDList(logits));
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    @Benchmark
    public float inferenceForward() {
        try (NDManager step = manager.newSubManager()) {
            NDArray logits = net.forward(new ParameterStore(step, false), new NDList(step.create(images, shape)), false)
                    .singletonOrThrow();
            return logits.getFloat(0, 0);
        }
    }
}
