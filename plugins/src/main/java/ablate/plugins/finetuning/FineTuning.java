package ablate.plugins.finetuning;

import ablate.plugins.common.ProcessMemory;
import ablate.datasets.ImageSet;
import ablate.datasets.Normalization;
import ablate.harness.spi.Budget;
import ablate.harness.spi.Params;
import ablate.harness.spi.TrialContext;
import ablate.harness.spi.TrialOutcome;
import ablate.metrics.classification.ClassificationMetrics;
import ablate.plugins.common.Latency;
import ablate.plugins.common.ModelCost;
import ablate.plugins.common.Optimizers;
import ablate.plugins.common.Steps;
import ablate.results.Cost;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The target-task stage of one trial: the backbone rebuilt with the adaptation's insertions, the pretrained
 * weights loaded by name, everything the adaptation does not train frozen (no gradient computed or stored), a new
 * head, the suite's budget on the few target labels; then the cost: trainable share, the trained parameters' size
 * on disk, peak memory and time of this stage, latency before and after merging LoRA into the base weights.
 */
final class FineTuning {
    private FineTuning() {
    }

    /**
     * @param pretrainedHere whether this process has just pretrained the backbone: the memory the pretraining kept
     *                       resident (about 400 MiB more for ViT-tiny, measured) would count as fine-tuning's, so
     *                       peak memory is left out of such a trial (a trial reading the shared backbone measures it)
     */
    static TrialOutcome run(TrialContext ctx, FineTuningData data, Normalization norm, Pretraining.Pretrained pre,
                            boolean pretrainedHere) throws Exception {
        var backbone = ctx.slot(FineTuningTask.BACKBONE, FineTuneBackbonePlugin.class);
        var adaptation = ctx.slot(FineTuningTask.ADAPTATION, AdaptationPlugin.class);
        ImageSet train = data.targetTrain();
        ImageSet test = data.targetTest();
        Shape image = new Shape(train.channels(), train.height(), train.width());
        int classes = train.numClasses();
        FineTuneNet net = new FineTuneNet(backbone.plugin().features(image,
                adaptation.plugin().insertions(adaptation.params()), backbone.params()), classes);
        Budget suite = ctx.budget();
        Budget b = scaled(suite, adaptation.plugin().lrScale(adaptation.params()));
        try (Model m = Model.newInstance("fine-tune", ctx.device())) {
            m.setBlock(net);
            Optimizer optimizer = optimizer(net, suite, adaptation.plugin(), adaptation.params(),
                    Training.stepsPerEpoch(train, b.batchSize()) * b.epochs());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer).optDevices(new ai.djl.Device[]{ctx.device()});
            try (Trainer trainer = m.newTrainer(config)) {
                prepare(net, trainer, pre, adaptation, ctx, new Shape(Math.min(b.batchSize(), train.size())).addAll(image));
                boolean peakReset = ProcessMemory.resetPeak();
                Steps steps = new Steps(trainer, optimizer);
                Random order = new Random(ctx.seed());
                List<Double> trainLoss = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int e = 1; e <= b.epochs(); e++) {
                    double loss = Training.epoch(steps, trainer, train, norm, b.batchSize(), order, ctx);
                    trainLoss.add(loss);
                    ctx.progress(e, b.epochs(), loss); // a NaN loss ends the trial as diverged here
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                long peak = pretrainedHere ? -1 : ProcessMemory.peakBytes();
                long adapterBytes = trainedBytes(net);

                float[] before = Training.logits(net, trainer.getManager(), test, norm, ctx);
                Latency.Result unmerged = Training.latency(net, trainer.getManager(), test, norm, ctx);
                int mergedLayers = merge(net);
                float[] after = mergedLayers == 0 ? before : Training.logits(net, trainer.getManager(), test, norm, ctx);
                Latency.Result deployed = mergedLayers == 0 ? unmerged
                        : Training.latency(net, trainer.getManager(), test, norm, ctx);
                ModelCost size = ModelCost.of(net, new Shape(1).addAll(image));

                int[] pred = Training.predictions(after, classes);
                ClassificationMetrics scores = ClassificationMetrics.of(test.labels(), pred, classes);
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("accuracy", scores.accuracy());
                metrics.put("macroF1", scores.macroF1());
                metrics.put("trainablePercent", 100.0 * size.trainableParams() / size.totalParams());
                metrics.put("trainableParams", (double) size.trainableParams());
                metrics.put("adapterKiB", adapterBytes / 1024.0);
                metrics.put("peakMemoryMiB", peak < 0 ? Double.NaN : peak / (1024.0 * 1024.0));
                metrics.put("fineTuneSeconds", seconds);
                metrics.put("latencyMs", deployed.medianMs());
                metrics.put("latencyUnmergedMs", unmerged.medianMs());
                metrics.put("mergeMaxAbsDiff", maxAbsDiff(before, after));
                metrics.put("sourceAccuracy", pre.sourceAccuracy());
                metrics.put("pretrainSeconds", pre.seconds());
                metrics.values().removeIf(v -> Double.isNaN(v));
                Map<String, List<Double>> curves = new LinkedHashMap<>();
                curves.put("trainLoss", trainLoss);
                curves.put("pretrainLoss", pre.trainLoss());
                Map<String, Object> artifacts = new LinkedHashMap<>();
                artifacts.put("confusionMatrix", confusion(test.labels(), pred, classes));
                artifacts.put("classNames", test.classNames());
                artifacts.put("dataSource", data.description());
                artifacts.put("mergedLayers", mergedLayers);
                artifacts.put("peakMemoryScope", pretrainedHere ? "not measured: this process pretrained the shared"
                        + " backbone first, and the memory that kept resident would count (rerun the trial to measure it)"
                        : peakReset ? "fine-tuning stage (VmHWM reset before it)"
                        : "whole trial process (VmHWM could not be reset)");
                Cost cost = new Cost(size.trainableParams(), size.totalParams(), size.macsPerSample(), seconds,
                        deployed.medianMs(), deployed.p95Ms(), peak);
                return new TrialOutcome(metrics, curves, cost, artifacts);
            }
        }
    }

    /**
     * The fine-tuning optimizer: the suite's kind and schedule, the head of {@code net} at {@code head-lr-scale} ×
     * the suite's rate, every other trained parameter at the method's {@code lr-scale} × it.
     */
    static Optimizer optimizer(FineTuneNet net, Budget suite, AdaptationPlugin adaptation, Params params,
                               int totalSteps) {
        // the head's parameter ids exist from construction: the split is fixed before any step
        Set<String> headIds = new HashSet<>();
        net.head().getParameters().values().forEach(p -> headIds.add(p.getId()));
        return new HeadSplitOptimizer(headIds,
                Optimizers.of(scaled(suite, adaptation.headLrScale(params)), totalSteps),
                Optimizers.of(scaled(suite, adaptation.lrScale(params)), totalSteps));
    }

    /** The suite's budget with its learning rate multiplied by {@code factor}. */
    static Budget scaled(Budget suite, double factor) {
        return new Budget(suite.epochs(), suite.batchSize(), suite.learningRate() * factor, suite.schedule(),
                suite.optimizer(), suite.weightDecay());
    }

    /**
     * Initializes {@code net} from the trial's seed (head and insertions), loads the pretrained features and freezes
     * every feature parameter the adaptation does not train. Package-private for the tests.
     *
     * @return the frozen parameters' names
     */
    static List<String> prepare(FineTuneNet net, Trainer trainer, Pretraining.Pretrained pre,
                                TrialContext.Bound<AdaptationPlugin> adaptation, TrialContext ctx, Shape input) {
        ctx.seeded(() -> {
            trainer.initialize(input);
            return null;
        });
        Pretraining.load(net.features(), pre);
        return freeze(net.features(), adaptation.plugin(), adaptation.params());
    }

    /** Freezes (no gradient) every parameter of {@code features} that {@code adaptation} does not train. */
    static List<String> freeze(Block features, AdaptationPlugin adaptation, Params params) {
        List<String> frozen = new ArrayList<>();
        for (Pair<String, Parameter> p : features.getParameters()) {
            if (!adaptation.trains(p.getKey(), params)) {
                p.getValue().freeze(true);
                frozen.add(p.getKey());
            }
        }
        return frozen;
    }

    /** Merges every LoRA layer of the tree into its base weight; how many there were. */
    static int merge(Block block) {
        int n = 0;
        if (block instanceof LoraLinear l && l.hasLora() && !l.isMerged()) {
            l.merge();
            n++;
        }
        for (Block child : block.getChildren().values()) {
            n += merge(child);
        }
        return n;
    }

    /** Bytes on disk of the parameters this method trained (what a user stores per target task), DJL-encoded. */
    static long trainedBytes(Block net) throws IOException {
        Path file = Files.createTempFile("ablate-adapter", ".bin");
        try {
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
                for (Pair<String, Parameter> p : net.getParameters()) {
                    if (p.getValue().requiresGradient()) {
                        out.writeUTF(p.getKey());
                        out.write(p.getValue().getArray().encode());
                    }
                }
            }
            return Files.size(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static List<List<Long>> confusion(int[] truth, int[] pred, int classes) {
        long[][] counts = new long[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            counts[truth[i]][pred[i]]++;
        }
        List<List<Long>> rows = new ArrayList<>();
        for (long[] row : counts) {
            rows.add(java.util.Arrays.stream(row).boxed().toList());
        }
        return rows;
    }
}
