package ablate.plugins.segmentation.task;

import ablate.plugins.common.ProcessMemory;
import ablate.results.Direction;
import ablate.datasets.segmentation.SegmentationSet;
import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.Params;
import ablate.harness.spi.SlotSpec;
import ablate.harness.spi.Task;
import ablate.harness.spi.TrialContext;
import ablate.harness.spi.TrialOutcome;
import ablate.plugins.classification.AttentionPlugin;
import ablate.plugins.common.ModelCost;
import ablate.plugins.common.Optimizers;
import ablate.plugins.common.Steps;
import ablate.plugins.segmentation.SegmentationLossPlugin;
import ablate.plugins.segmentation.SegmentationModelPlugin;
import ablate.results.Cost;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Semantic segmentation: trains the {@code model} slot's network (the {@code attention} slot's block after every
 * convolution block) with the {@code loss} slot's loss on a segmentation set ({@link SegmentationData}) and scores
 * the test split with the metrics module: one confusion matrix over every test pixel ({@code pixelAccuracy},
 * {@code meanPixelAccuracy}, {@code mIoU} — the primary metric —, {@code fwIoU}, {@code meanDice}), and
 * {@code smallDice}, Dice over ground-truth objects smaller than {@code options.small-area} pixels
 * ({@link ablate.metrics.segmentation.SmallObjectDice}; left out when the test set has none). Every metric is
 * higher-is-better. Artifacts: {@code confusionMatrix} and {@code classNames} (drawn by the report),
 * {@code perClass} (IoU, Dice, accuracy per class; null for 0/0), {@value Overlays#ARTIFACT} (input, truth and
 * prediction overlays of the first test images) and, with {@code options.write-predictions: true} (or a directory),
 * {@code predictions}: the folder where the test predictions and truths were written as PNG label maps, which
 * {@code ablate metric seg} re-scores to the same numbers.
 */
public final class SegmentationTask implements Task {
    static final int LATENCY_WARMUP = 5;
    static final int LATENCY_RUNS = 30;
    static final int EVAL_BATCH = 64;
    static final int DEFAULT_SMALL_AREA = 100;
    static final int DEFAULT_EXAMPLES = 4;
    private static final Set<String> OPTIONS = Set.of("small-area", "write-predictions", "examples");

    @Override
    public String id() {
        return "segmentation";
    }

    @Override
    public String summary() {
        return "semantic segmentation (Fashion-MNIST garment scenes, or folders of images and PNG label maps)";
    }

    @Override
    public List<SlotSpec> slots() {
        return List.of(
                new SlotSpec("model", SegmentationModelPlugin.class, "model.unet", "segmentation network"),
                new SlotSpec("loss", SegmentationLossPlugin.class, "seg-loss.ce", "training loss"),
                new SlotSpec("attention", AttentionPlugin.class, "attention.none", "block after every convolution block"));
    }

    @Override
    public List<String> datasets() {
        return List.of(SegmentationData.SCENES, SegmentationData.FOLDER);
    }

    @Override
    public String primaryMetric() {
        return "mIoU";
    }

    /** Every metric of this task is higher-is-better (overlap and accuracy scores). */
    @Override
    public Map<String, Direction> metrics() {
        return Evaluation.DIRECTIONS;
    }

    @Override
    public void prepare(DatasetSpec dataset, Map<String, Object> options, Path dataDir) {
        for (String k : options.keySet()) {
            if (!OPTIONS.contains(k)) {
                throw new IllegalArgumentException("options." + k + ": unknown (known: " + new TreeSet<>(OPTIONS) + ")");
            }
        }
        if (SegmentationData.integer(options, "small-area", DEFAULT_SMALL_AREA) < 1) {
            throw new IllegalArgumentException("options.small-area must be >= 1");
        }
        SegmentationData.load(dataset, dataDir, 0); // reads and checks every file before any trial starts
    }

    @Override
    public TrialOutcome run(TrialContext ctx) throws Exception {
        SegmentationData data = SegmentationData.load(ctx.dataset(), ctx.dataDir(), ctx.seed());
        SegmentationSet train = data.train();
        SegmentationSet test = data.test();
        float[][] stats = train.statistics();
        Budget budget = ctx.budget();
        Shape image = new Shape(train.channels(), train.height(), train.width());
        int classes = train.numClasses();
        var model = ctx.slot("model", SegmentationModelPlugin.class);
        var attention = ctx.slot("attention", AttentionPlugin.class);
        var loss = ctx.slot("loss", SegmentationLossPlugin.class);
        Block block = model.plugin().create(train.channels(), classes,
                c -> attention.plugin().create(c, attention.params()), model.params());
        int batch = Math.min(budget.batchSize(), train.size());
        int stepsPerEpoch = Math.max(1, train.size() / batch);
        try (Model m = Model.newInstance("trial", ctx.device())) {
            m.setBlock(block);
            Optimizer optimizer = Optimizers.of(budget, stepsPerEpoch * budget.epochs());
            DefaultTrainingConfig config = new DefaultTrainingConfig(
                    new PluginLoss(loss.plugin(), loss.params(), train.ignoreIndex()))
                    .optOptimizer(optimizer).optDevices(new ai.djl.Device[]{ctx.device()});
            try (Trainer trainer = m.newTrainer(config)) {
                ctx.seeded(() -> {
                    trainer.initialize(new Shape(batch).addAll(image));
                    return null;
                });
                Steps steps = new Steps(trainer, optimizer);
                Random order = new Random(ctx.seed());
                List<Double> trainLoss = new ArrayList<>();
                List<Double> testMIoU = new ArrayList<>();
                int smallArea = SegmentationData.integer(ctx.options(), "small-area", DEFAULT_SMALL_AREA);
                Evaluation last = null;
                long t0 = System.nanoTime();
                for (int epoch = 1; epoch <= budget.epochs(); epoch++) {
                    double l = trainEpoch(steps, trainer, train, stats, batch, stepsPerEpoch, order, ctx);
                    trainLoss.add(l);
                    ctx.progress(epoch, budget.epochs(), l);   // a NaN loss ends the trial as diverged here
                    last = Evaluation.run(block, trainer.getManager(), test, stats, EVAL_BATCH, smallArea, ctx);
                    testMIoU.add(last.metrics().get("mIoU"));
                }
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                Map<String, List<Double>> curves = new LinkedHashMap<>();
                curves.put("trainLoss", trainLoss);
                curves.put("testMIoU", testMIoU);
                double[] latency = latencyMs(block, trainer.getManager(), test, stats, ctx);
                ModelCost size = ModelCost.of(block, new Shape(1).addAll(image));
                Cost cost = new Cost(size.trainableParams(), size.totalParams(), size.macsPerSample(), trainSeconds,
                        latency[0], latency[1], ProcessMemory.peakBytes());
                Map<String, Object> artifacts = last.artifacts(test);
                int examples = Math.min(test.size(), SegmentationData.integer(ctx.options(), "examples", DEFAULT_EXAMPLES));
                List<Map<String, Object>> shown = new ArrayList<>();
                for (int i = 0; i < examples; i++) {
                    shown.add(Overlays.example(test, i, last.predictions().get(i)));
                }
                artifacts.put(Overlays.ARTIFACT, shown);
                artifacts.put("classColours", Overlays.legend(classes));
                artifacts.put("dataSource", data.description());
                Object write = ctx.options().get("write-predictions");
                if (Boolean.TRUE.equals(write) || write instanceof String) {
                    artifacts.put("predictions", Predictions.write(ctx, test, last.predictions()).toString());
                }
                return new TrialOutcome(last.metrics(), curves, cost, artifacts);
            }
        }
    }

    /** One pass over a seeded shuffle of the training set (the last partial batch dropped); the mean loss. */
    private static double trainEpoch(Steps steps, Trainer trainer, SegmentationSet train, float[][] stats, int batch,
                                     int count, Random order, TrialContext ctx) {
        int[] perm = shuffled(train.size(), order.nextLong());
        int plane = train.height() * train.width();
        float[] pixels = new float[batch * train.channels() * plane];
        int[] labels = new int[batch * plane];
        Shape x = new Shape(batch, train.channels(), train.height(), train.width());
        Shape y = new Shape(batch, train.height(), train.width());
        try (NDManager epoch = trainer.getManager().newSubManager()) {
            NDArray lossSum = epoch.zeros(new Shape(), DataType.FLOAT32);
            for (int k = 0; k < count; k++) {
                ctx.checkCancelled();
                train.fillImages(perm, k * batch, batch, pixels, stats);
                train.fillLabels(perm, k * batch, batch, labels);
                steps.train(step -> new NDList[]{new NDList(step.create(pixels, x)), new NDList(step.create(labels, y))},
                        lossSum);
            }
            return lossSum.getFloat() / count;
        }
    }

    static int[] shuffled(int n, long seed) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    /** Median and 95th percentile of single-image inference latency (network and argmax), in ms, after warm-up. */
    private static double[] latencyMs(Block block, NDManager parent, SegmentationSet test, float[][] stats,
                                      TrialContext ctx) {
        double[] times = new double[LATENCY_RUNS];
        for (int i = 0; i < LATENCY_WARMUP + LATENCY_RUNS; i++) {
            ctx.checkCancelled();
            long t0 = System.nanoTime();
            Evaluation.predict(block, parent, test, stats, new int[]{0}, 0, 1);
            if (i >= LATENCY_WARMUP) {
                times[i - LATENCY_WARMUP] = (System.nanoTime() - t0) / 1e6;
            }
        }
        java.util.Arrays.sort(times);
        return new double[]{times[LATENCY_RUNS / 2], times[(int) Math.ceil(0.95 * LATENCY_RUNS) - 1]};
    }

    /** The loss slot's plugin as the trainer's loss: labels (N, H, W), predictions the logits (N, K, H, W). */
    static final class PluginLoss extends Loss {
        private final SegmentationLossPlugin plugin;
        private final Params params;
        private final int ignoreIndex;

        PluginLoss(SegmentationLossPlugin plugin, Params params, int ignoreIndex) {
            super(plugin.info().id());
            this.plugin = plugin;
            this.params = params;
            this.ignoreIndex = ignoreIndex;
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            return plugin.loss(predictions.singletonOrThrow(), labels.singletonOrThrow(), ignoreIndex, params);
        }
    }
}
