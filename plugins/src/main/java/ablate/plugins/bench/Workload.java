package ablate.plugins.bench;

import ablate.datasets.ImageSet;
import ablate.datasets.Normalization;
import ablate.plugins.common.BatchLoader;
import ablate.plugins.common.Steps;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A {@link BenchModel} stepped one batch at a time on random images, through the same code the harness trains
 * and evaluates with: {@link BatchLoader} (batches prepared on a background thread) and {@link Steps}.
 * Training is SGD with momentum 0.9 (learning rate 0.01, weight decay 5e-4) on softmax cross-entropy;
 * inference is a forward pass in eval mode that reads the predicted classes back to the host.
 */
public final class Workload implements AutoCloseable {
    /** Random images cycled through by the batches. */
    static final int POOL = 1024;
    /** Batches per loader; a new loader takes over when one runs out. */
    private static final int BATCHES_PER_LOADER = 256;

    private final Model model;
    private final ImageSet images;
    private final Normalization normalization;
    private final int batch;
    private final Trainer trainer; // null: inference
    private final Steps training;
    private final NDManager sums;
    private final NDArray lossSum;
    private final ParameterStore store;
    private BatchLoader loader;
    private int cursor;

    private Workload(BenchModel spec, int batch, Device device, long seed, boolean train) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        this.batch = batch;
        images = randomImages(spec.image(), seed);
        normalization = images.statistics();
        model = Model.newInstance("bench-" + spec.id(), device);
        model.setBlock(spec.build());
        Shape input = new Shape(batch).addAll(spec.image());
        Engine.getInstance().setRandomSeed((int) seed);
        if (train) {
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f)
                    .optWeightDecays(5e-4f).build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(sgd)
                    .optDevices(new Device[]{device});
            trainer = model.newTrainer(config);
            trainer.initialize(input);
            training = new Steps(trainer, sgd);
            sums = trainer.getManager().newSubManager();
            lossSum = sums.zeros(new Shape(), DataType.FLOAT32);
            store = null;
        } else {
            trainer = null;
            training = null;
            sums = null;
            lossSum = null;
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, input);
            store = new ParameterStore(model.getNDManager(), false);
        }
    }

    public static Workload train(BenchModel spec, int batch, Device device, long seed) {
        return new Workload(spec, batch, device, seed, true);
    }

    public static Workload infer(BenchModel spec, int batch, Device device, long seed) {
        return new Workload(spec, batch, device, seed, false);
    }

    /** {@link #POOL} uniformly random images of {@code shape} with random labels of 10 classes. */
    static ImageSet randomImages(Shape shape, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[Math.toIntExact(POOL * shape.size())];
        random.nextBytes(pixels);
        int[] labels = random.ints(POOL, 0, BenchModel.CLASSES).toArray();
        List<String> classes = Collections.nCopies(BenchModel.CLASSES, "class");
        return new ImageSet(pixels, labels, classes, (int) shape.get(0), (int) shape.get(1), (int) shape.get(2));
    }

    private BatchLoader.Batch nextBatch() {
        if (loader == null || !loader.hasNext()) {
            if (loader != null) {
                loader.close();
            }
            int[] order = new int[BATCHES_PER_LOADER * batch];
            for (int i = 0; i < order.length; i++) {
                order[i] = cursor++ % POOL;
            }
            loader = new BatchLoader(images, normalization, order, batch, BATCHES_PER_LOADER);
        }
        return loader.next();
    }

    /** One training step, or one inference pass whose predicted classes are read back. */
    public void step() {
        if (trainer != null) {
            training.train(nextBatch(), lossSum);
        } else {
            Steps.infer(model.getBlock(), store, model.getNDManager(), nextBatch(), out -> out.argMax(1).toLongArray());
        }
    }

    /** Waits for the device's queued work by reading the summed training loss back (inference: nothing). */
    public float sync() {
        return lossSum == null ? 0f : lossSum.getFloat();
    }

    /** Arrays alive under the model's manager (parameters, optimizer state, the loss sum): flat from step to step. */
    public int liveArrays() {
        return model.getNDManager().getManagedArrays().size();
    }

    @Override
    public void close() {
        if (loader != null) {
            loader.close();
        }
        if (sums != null) {
            sums.close();
        }
        if (trainer != null) {
            trainer.close();
        }
        model.close();
    }
}
