package ablate.plugins.segmentation.bench;

import ablate.datasets.FashionMnist;
import ablate.datasets.segmentation.GarmentScenes;
import ablate.datasets.segmentation.SegmentationSet;
import ablate.harness.spi.Budget;
import ablate.harness.spi.Params;
import ablate.plugins.common.Optimizers;
import ablate.plugins.common.Steps;
import ablate.plugins.segmentation.losses.CrossEntropySegLoss;
import ablate.plugins.segmentation.models.UNet;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * One training epoch of the segmentation suite's U-Net (depth 3, width 8) on its default data (400 garment scenes
 * of 64×64, batch 16, Adam lr 0.01, cross-entropy): the numbers the task's training loop computes, through the same
 * {@link Steps}, with the batches filled from the data set on the step's thread. Not a test: run by hand,
 *
 * <pre>ONEDNN_MAX_CPU_ISA=SSE41 OMP_WAIT_POLICY=PASSIVE java -cp "plugins/target/test-classes:plugins/target/classes:plugins/target/lib/*" \
 *     -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 ablate.plugins.segmentation.bench.SegmentationEpochBenchmark</pre>
 * (ONEDNN_MAX_CPU_ISA=SSE41 where the kernel guard says so; bench/pytorch_unet.py is the PyTorch peer.)
 */
public final class SegmentationEpochBenchmark {
    private SegmentationEpochBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int images = 400;
        int batch = 16;
        int warmup = 3;
        SegmentationSet train = GarmentScenes.generate(FashionMnist.embedded().train(), images,
                new GarmentScenes.Spec(64, 8, 20, 3), 1, "train");
        float[][] stats = train.statistics();
        Engine.getInstance().setRandomSeed(1);
        UNet net = new UNet(3, 8, 11, true, c -> new LambdaBlock(x -> x));
        CrossEntropySegLoss ce = new CrossEntropySegLoss();
        Loss loss = new Loss("ce") {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                return ce.loss(predictions.singletonOrThrow(), labels.singletonOrThrow(), 255, Params.defaults(ce.info()));
            }
        };
        int steps = images / batch;
        try (Model m = Model.newInstance("bench")) {
            m.setBlock(net);
            Optimizer opt = Optimizers.of(new Budget(1, batch, 0.01, "constant", "adam", 0), steps);
            try (Trainer trainer = m.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(opt))) {
                trainer.initialize(new Shape(batch, 1, 64, 64));
                Steps s = new Steps(trainer, opt);
                int[] order = new int[images];
                for (int i = 0; i < images; i++) {
                    order[i] = i;
                }
                float[] pixels = new float[batch * 64 * 64];
                int[] labels = new int[batch * 64 * 64];
                Shape x = new Shape(batch, 1, 64, 64);
                Shape y = new Shape(batch, 64, 64);
                try (NDManager epoch = trainer.getManager().newSubManager()) {
                    NDArray sum = epoch.zeros(new Shape(), DataType.FLOAT32);
                    long cpu0 = 0;
                    long t0 = 0;
                    for (int k = -warmup; k < steps; k++) {
                        if (k == 0) {
                            sum.getFloat();
                            cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                            t0 = System.nanoTime();
                        }
                        int from = Math.floorMod(k, steps) * batch;
                        train.fillImages(order, from, batch, pixels, stats);
                        train.fillLabels(order, from, batch, labels);
                        s.train(step -> new NDList[]{new NDList(step.create(pixels, x)), new NDList(step.create(labels, y))}, sum);
                    }
                    sum.getFloat();
                    double wall = (System.nanoTime() - t0) / 1e9;
                    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                    System.out.printf(Locale.ROOT, "{\"epochSeconds\": %.3f, \"steps\": %d, \"loadAverage\": %.2f, "
                            + "\"mainThreadCpuSeconds\": %.3f}%n", wall, steps, load,
                            (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9);
                }
            }
        }
    }
}
