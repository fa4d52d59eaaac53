package ablate.plugins.bench;

import ablate.datasets.ImageSet;
import ablate.datasets.Normalization;
import ablate.harness.cli.EngineSettings;
import ablate.plugins.common.BatchLoader;
import ablate.plugins.common.Steps;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
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
 * The loop's design choices against what they replaced, one pair of methods per choice (see
 * docs/performance.md): {@code train*} — the optimizer called directly ({@link Steps}) or through
 * {@link Trainer#step()}, whose parameter server copies every gradient first; {@code infer*} — a forward pass
 * with autograd recording off ({@link Steps#infer}) or on, as it is on any thread but the one that loaded the
 * engine (JMH's benchmark thread included); {@code batch*} — a batch taken from the background
 * {@link BatchLoader} (direct buffers wrapped without a copy) or filled on the step's thread into a float[] that
 * the engine copies. Run: {@code bench/jmh plugins StepVariantsBenchmark -f 1 -wi 3 -i 5 -p threads=1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class StepVariantsBenchmark {
    /** Batches per loader; a new one takes over when one runs out. */
    private static final int BATCHES = 256;

    /** Model and batch. */
    @Param({"resnet20:128", "tiny:1"})
    public String model;

    /** Engine intra-op threads. */
    @Param({"2"})
    public int threads;

    private Model net;
    private Trainer trainer;
    private Steps steps;
    private NDManager sums;
    private NDArray lossSum;
    private ParameterStore store;
    private ImageSet images;
    private Normalization norm;
    private BatchLoader loader;
    private int[] order;
    private float[] pixels;
    private int[] labels;
    private int batch;
    private int cursor;

    @Setup
    public void setUp() {
        EngineSettings.apply(threads, 1, System.err);
        String[] spec = model.split(":");
        BenchModel m = BenchModel.of(spec[0]);
        batch = Integer.parseInt(spec[1]);
        images = Workload.randomImages(m.image(), 1);
        norm = images.statistics();
        net = Model.newInstance("variants", Device.cpu());
        net.setBlock(m.build());
        Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f)
                .optWeightDecays(5e-4f).build();
        trainer = net.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(sgd));
        trainer.initialize(new Shape(batch).addAll(m.image()));
        steps = new Steps(trainer, sgd);
        sums = trainer.getManager().newSubManager();
        lossSum = sums.zeros(new Shape(), DataType.FLOAT32);
        store = new ParameterStore(net.getNDManager(), false);
        order = new int[BATCHES * batch];
        for (int i = 0; i < order.length; i++) {
            order[i] = i % Workload.POOL;
        }
        pixels = new float[batch * images.imageSize()];
        labels = new int[batch];
        loader = new BatchLoader(images, norm, order, batch, BATCHES);
    }

    private BatchLoader.Batch next() {
        if (!loader.hasNext()) {
            loader.close();
            loader = new BatchLoader(images, norm, order, batch, BATCHES);
        }
        return loader.next();
    }

    @TearDown
    public void tearDown() {
        loader.close();
        sums.close();
        trainer.close();
        net.close();
    }

    @Benchmark
    public void trainDirectUpdate() {
        steps.train(next(), lossSum);
    }

    @Benchmark
    public void trainTrainerStep() {
        BatchLoader.Batch b = next();
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDList x = new NDList(b.images(step));
            NDList y = new NDList(b.labels(step));
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray loss = trainer.getLoss().evaluate(y, trainer.forward(x));
                gc.backward(loss);
                lossSum.addi(loss.stopGradient());
            }
            trainer.step();
        }
    }

    @Benchmark
    public long[] inferNoGrad() {
        return Steps.infer(net.getBlock(), store, net.getNDManager(), next(), o -> o.argMax(1).toLongArray());
    }

    @Benchmark
    public long[] inferGradOn() {
        BatchLoader.Batch b = next();
        try (NDManager step = net.getNDManager().newSubManager()) {
            return net.getBlock().forward(store, new NDList(b.images(step)), false).singletonOrThrow()
                    .argMax(1).toLongArray();
        }
    }

    @Benchmark
    public float batchFromLoader() {
        BatchLoader.Batch b = next();
        try (NDManager step = net.getNDManager().newSubManager()) {
            return b.images(step).getShape().size() + b.labels(step).getShape().size();
        }
    }

    @Benchmark
    public float batchFromHeap() {
        int from = cursor;
        cursor = (cursor + batch) % order.length;
        images.fill(order, from, batch, pixels, norm);
        images.fillLabels(order, from, batch, labels);
        try (NDManager step = net.getNDManager().newSubManager()) {
            return step.create(pixels, new Shape(batch).addAll(new Shape(images.channels(), images.height(),
                    images.width()))).getShape().size() + step.create(labels).getShape().size();
        }
    }
}
