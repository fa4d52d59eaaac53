package ablate.plugins.classification;

import ablate.plugins.classification.losses.CrossEntropy;
import ablate.plugins.common.Latency;
import ablate.plugins.common.Optimizers;
import ablate.datasets.FashionMnist;
import ablate.datasets.ImageSet;
import ablate.datasets.Normalization;
import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.plugins.common.BatchLoader;
import ablate.plugins.common.ModelCost;
import ablate.plugins.common.Steps;
import ablate.harness.spi.SlotSpec;
import ablate.harness.spi.Task;
import ablate.harness.spi.TrialContext;
import ablate.harness.spi.TrialOutcome;
import ablate.results.Cost;
import ablate.results.Direction;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Image classification: trains the {@code model} slot's network (with the {@code attention} slot's block in
 * every residual block) with the {@code loss} slot's loss on a labelled image set and evaluates it on the test
 * split. A long-tailed training set ({@code dataset.imbalance}) adds head/medium/tail accuracies
 * ({@link ClassGroups}).
 *
 * <p>Every array a step creates lives in that step's sub-manager and is freed when the step ends; the loss is
 * accumulated on the device and read once per epoch.
 */
public final class ClassificationTask implements Task {
    /** Timed single-image inferences per latency iteration. */
    static final int LATENCY_OPS = 10;
    static final String FASHION_MNIST = "fashion-mnist";
    static final String IMBALANCE = "imbalance";

    @Override
    public String id() {
        return "classification";
    }

    @Override
    public String summary() {
        return "image classification (Fashion-MNIST; long-tailed variant via dataset.imbalance)";
    }

    @Override
    public List<SlotSpec> slots() {
        return List.of(
                new SlotSpec("model", BackbonePlugin.class, "model.resnet-mini", "network family and size"),
                new SlotSpec("attention", AttentionPlugin.class, "attention.none", "block inserted in every residual block"),
                // added after results existed: at its default it stays out of trial ids, so theirs are unchanged
                new SlotSpec("loss", LossPlugin.class, CrossEntropy.ID, "training loss", true));
    }

    @Override
    public List<String> datasets() {
        return List.of(FASHION_MNIST);
    }

    @Override
    public String primaryMetric() {
        return "accuracy";
    }

    @Override
    public Map<String, Direction> metrics() {
        return ClassificationScores.DIRECTIONS;
    }

    @Override
    public void prepare(DatasetSpec dataset, Map<String, Object> options, Path dataDir) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("options." + options.keySet().iterator().next()
                    + ": the classification task takes no options");
        }
        for (String key : dataset.options().keySet()) {
            if (!key.equals(IMBALANCE)) {
                throw new IllegalArgumentException("dataset." + key + ": unknown dataset option (known: " + IMBALANCE + ")");
            }
        }
        loadData(dataset, dataDir, 0);
    }

    /**
     * Fashion-MNIST as the suite asks; {@code dataset.imbalance: R} makes the training set long-tailed. R must be
     * above 1 (1 is the balanced set: leave the option out) and leave every class at least one training image, or
     * the long-tail losses' priors and weights (log n_j, 1/(1 − β^{n_j})) are undefined.
     */
    static FashionMnist.Split loadData(DatasetSpec spec, Path dataDir, long seed) {
        Object ratio = spec.options().get(IMBALANCE);
        if (ratio != null && (!(ratio instanceof Number r) || !(r.doubleValue() > 1) || Double.isInfinite(r.doubleValue()))) {
            throw new IllegalArgumentException("dataset.imbalance must be a finite number above 1 (the ratio of the "
                    + "commonest class's training images to the rarest's), got " + ratio);
        }
        FashionMnist.Split split = FashionMnist.load(spec.source(), dataDir, spec.train(), spec.test(), seed);
        if (ratio == null) {
            return split;
        }
        FashionMnist.Split tail = split.longTailed(((Number) ratio).doubleValue(), seed);
        int[] counts = tail.train().classCounts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("dataset.imbalance " + ratio + " leaves class " + c + " ("
                        + tail.train().classNames().get(c) + ") with no training image of " + split.train().size()
                        + "; lower it or use more training images");
            }
        }
        return tail;
    }

    @Override
    public TrialOutcome run(TrialContext ctx) throws Exception {
        FashionMnist.Split data = loadData(ctx.dataset(), ctx.dataDir(), ctx.seed());
        ImageSet train = data.train();
        ImageSet test = data.test();
        Normalization norm = train.statistics();
        Budget budget = ctx.budget();
        Shape image = new Shape(train.channels(), train.height(), train.width());
        int classes = train.numClasses();

        var model = ctx.slot("model", BackbonePlugin.class);
        var attention = ctx.slot("attention", AttentionPlugin.class);
        var lossSlot = ctx.slot("loss", LossPlugin.class);
        int[] trainCounts = train.classCounts();
        Block block = model.plugin().create(image, classes, c -> attention.plugin().create(c, attention.params()),
                model.params());

        int stepsPerEpoch = Math.max(1, train.size() / budget.batchSize());
        try (Model m = Model.newInstance("trial", ctx.device())) {
            m.setBlock(block);
            Optimizer optimizer = Optimizers.of(budget, stepsPerEpoch * budget.epochs());
            Loss objective = new Loss(lossSlot.plugin().id()) {
                @Override
                public NDArray evaluate(NDList labels, NDList predictions) {
                    return lossSlot.plugin().loss(predictions.singletonOrThrow(), labels.singletonOrThrow(), trainCounts,
                            lossSlot.params());
                }
            };
            DefaultTrainingConfig config = new DefaultTrainingConfig(objective)
                    .optOptimizer(optimizer)
                    .optDevices(new ai.djl.Device[]{ctx.device()});
            try (Trainer trainer = m.newTrainer(config)) {
                ctx.seeded(() -> {
                    trainer.initialize(new Shape(budget.batchSize()).addAll(image));
                    return null;
                });
                Steps steps = new Steps(trainer, optimizer);
                long t0 = System.nanoTime();
                Map<String, List<Double>> curves = new LinkedHashMap<>();
                List<Double> trainLoss = new ArrayList<>();
                List<Double> testAccuracy = new ArrayList<>();
                Random order = new Random(ctx.seed());
                Evaluation last = null;
                for (int epoch = 1; epoch <= budget.epochs(); epoch++) {
                    double loss = trainEpoch(steps, trainer, train, norm, budget.batchSize(), stepsPerEpoch, order, ctx);
                    trainLoss.add(loss);
                    last = evaluate(block, trainer.getManager(), test, norm, Math.max(budget.batchSize(), 256), ctx);
                    testAccuracy.add(last.accuracy());
                    ctx.progress(epoch, budget.epochs(), loss);
                }
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                curves.put("trainLoss", trainLoss);
                curves.put("testAccuracy", testAccuracy);

                double[] latency = latencyMs(block, trainer.getManager(), test, norm, ctx);
                ModelCost size = ModelCost.of(block, new Shape(1).addAll(image));
                Cost cost = new Cost(size.trainableParams(), size.totalParams(), size.macsPerSample(), trainSeconds,
                        latency[0], latency[1], -1);
                Map<String, Double> metrics = new LinkedHashMap<>(last.metrics());
                double[] recall = ClassificationScores.recall(last.confusion());
                if (ctx.dataset().options().containsKey(IMBALANCE)) {
                    metrics.putAll(ClassGroups.accuracies(trainCounts, recall));
                }
                Map<String, Object> artifacts = new LinkedHashMap<>();
                artifacts.put("confusionMatrix", last.confusion());
                artifacts.put("perClassRecall", Arrays.stream(recall).mapToObj(r -> Double.isNaN(r) ? null : r).toList());
                artifacts.put("trainClassCounts", Arrays.stream(trainCounts).boxed().toList());
                artifacts.put("classNames", train.classNames());
                artifacts.put("dataSource", data.description());
                return new TrialOutcome(metrics, curves, cost, artifacts);
            }
        }
    }

    /** One pass over a seeded shuffle of the training set; returns the mean training loss. */
    private static double trainEpoch(Steps training, Trainer trainer, ImageSet train, Normalization norm, int batch,
                                     int steps, Random order, TrialContext ctx) {
        int[] perm = train.shuffledIndices(order.nextLong());
        try (NDManager epoch = trainer.getManager().newSubManager();
             BatchLoader batches = new BatchLoader(train, norm, perm, batch, steps)) {
            NDArray lossSum = epoch.zeros(new Shape(), DataType.FLOAT32);
            while (batches.hasNext()) {
                ctx.checkCancelled();
                training.train(batches.next(), lossSum);
            }
            return lossSum.getFloat() / steps;
        }
    }

    private record Evaluation(Map<String, Double> metrics, double accuracy, List<List<Long>> confusion) {
    }

    private static Evaluation evaluate(Block block, NDManager parent, ImageSet test, Normalization norm, int batch,
                                       TrialContext ctx) {
        int n = test.size();
        int classes = test.numClasses();
        int[] predicted = new int[n];
        float[] probabilities = new float[n * classes];
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        ParameterStore store = new ParameterStore(parent, false);
        try (BatchLoader batches = new BatchLoader(test, norm, all, batch, (n + batch - 1) / batch)) {
            for (int from = 0; batches.hasNext(); ) {
                ctx.checkCancelled();
                BatchLoader.Batch b = batches.next();
                float[] p = Steps.infer(block, store, parent, b, logits -> logits.softmax(1).toFloatArray());
                System.arraycopy(p, 0, probabilities, from * classes, p.length);
                for (int i = 0; i < b.size(); i++) {
                    predicted[from + i] = argMax(p, i * classes, classes);
                }
                from += b.size();
            }
        }
        int[] truth = test.labels();
        Map<String, Double> metrics = ClassificationScores.compute(truth, predicted, probabilities, classes);
        return new Evaluation(metrics, metrics.get("accuracy"), ClassificationScores.confusion(truth, predicted, classes));
    }

    /** Index of the largest of {@code v[from .. from+n)}: the first on ties, NaN above all (as torch.argmax). */
    private static int argMax(float[] v, int from, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            float x = v[from + i];
            float b = v[from + best];
            if (x > b || Float.isNaN(x) && !Float.isNaN(b)) {
                best = i;
            }
        }
        return best;
    }

    /** Median and 95th percentile of single-image inference latency, in ms ({@link Latency}: warm-up, iterations). */
    private static double[] latencyMs(Block block, NDManager parent, ImageSet test, Normalization norm,
                                      TrialContext ctx) {
        ParameterStore store = new ParameterStore(parent, false);
        int runs = (Latency.WARMUP_ITERATIONS + Latency.ITERATIONS) * LATENCY_OPS;
        try (BatchLoader images = new BatchLoader(test, norm, new int[runs], 1, runs)) { // image 0, every time
            BatchLoader.Batch[] one = new BatchLoader.Batch[1];
            Latency.Result r = Latency.measure(LATENCY_OPS, () -> {
                ctx.checkCancelled();
                one[0] = images.next();
            }, () -> Steps.infer(block, store, parent, one[0], logits -> logits.argMax(1).toLongArray()));
            return new double[]{r.medianMs(), r.p95Ms()};
        }
    }
}
