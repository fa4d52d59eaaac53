package ablate.plugins.finetuning;

import ablate.harness.spi.Budget;
import ablate.harness.spi.DivergedException;
import ablate.harness.spi.Params;
import ablate.harness.spi.TrialContext;
import ablate.plugins.common.NoGrad;
import ablate.plugins.common.Optimizers;
import ablate.plugins.common.SharedWork;
import ablate.plugins.common.Steps;
import ablate.datasets.Normalization;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The source-task stage: a backbone with a source-class head trained on the source task, its feature extractor's
 * parameters kept by name. Computed once per seed and configuration and shared through {@link SharedWork} by every
 * variant's trial (in memory, across trial processes, shards and {@code --resume}), so the variants differ only in
 * the adaptation method.
 */
final class Pretraining {
    /** Part of every key: bump it when pretraining or the layout below change. */
    static final int VERSION = 1;
    static final SharedWork<Pretrained> CACHE = new SharedWork<>("pretrained-backbone", 4, codec());

    /**
     * @param features the feature extractor's parameters by name (BatchNorm running statistics included)
     * @param sourceAccuracy accuracy of the pretrained network on the source task's test images
     */
    record Pretrained(Map<String, float[]> features, List<Double> trainLoss, double seconds, double sourceAccuracy) {
    }

    private Pretraining() {
    }

    /**
     * Everything that determines the pretrained weights: dataset, task options, budget (batch, optimizer, schedule,
     * weight decay; the epochs and rate come from the options), seed, device and the backbone with its parameters.
     * The adaptation slot is left out: it is what the sharing trials compare.
     */
    static String key(TrialContext ctx, TrialContext.Bound<FineTuneBackbonePlugin> backbone) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("version", VERSION);
        key.put("dataset", ctx.dataset());
        key.put("dataDir", String.valueOf(ctx.dataDir()));
        key.put("options", new java.util.TreeMap<>(ctx.options()));
        key.put("budget", budget(ctx)); // the fine-tuning epochs and rate are not part of it: variants may differ there
        key.put("seed", ctx.seed());
        key.put("device", ctx.device().toString());
        key.put("backbone", Map.of("id", backbone.plugin().id(), "params", backbone.params().asMap()));
        return SharedWork.canonical(key);
    }

    /** The suite's budget with the pretraining epochs and rate of the task options. */
    static Budget budget(TrialContext ctx) {
        Budget b = ctx.budget();
        return new Budget(Options.integer(ctx.options(), "pretrain-epochs", Options.DEFAULT_PRETRAIN_EPOCHS),
                b.batchSize(), Options.real(ctx.options(), "pretrain-lr", b.learningRate()), b.schedule(), b.optimizer(),
                b.weightDecay());
    }

    static Pretrained train(FineTuneBackbonePlugin backbone, Params params, FineTuningData data, Normalization norm,
                            TrialContext ctx) throws Exception {
        Shape image = new Shape(data.sourceTrain().channels(), data.sourceTrain().height(), data.sourceTrain().width());
        FineTuneNet net = new FineTuneNet(backbone.features(image, Insertions.NONE, params),
                data.sourceTrain().numClasses());
        Budget b = ctx.budget();
        Budget pre = budget(ctx);
        int epochs = pre.epochs();
        int perEpoch = Training.stepsPerEpoch(data.sourceTrain(), b.batchSize());
        try (Model m = Model.newInstance("pretrain", ctx.device())) {
            m.setBlock(net);
            Optimizer optimizer = Optimizers.of(pre, perEpoch * epochs);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer).optDevices(new ai.djl.Device[]{ctx.device()});
            try (Trainer trainer = m.newTrainer(config)) {
                ctx.seeded(() -> {
                    trainer.initialize(new Shape(Math.min(b.batchSize(), data.sourceTrain().size())).addAll(image));
                    return null;
                });
                Steps steps = new Steps(trainer, optimizer);
                Random order = new Random(ctx.seed() * 31 + 7); // not the fine-tuning stage's order
                List<Double> losses = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int e = 1; e <= epochs; e++) {
                    double loss = Training.epoch(steps, trainer, data.sourceTrain(), norm, b.batchSize(), order, ctx);
                    if (!Double.isFinite(loss)) {
                        throw new DivergedException("pretraining loss " + loss + " at epoch " + e);
                    }
                    losses.add(loss);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                int classes = data.sourceTest().numClasses();
                int[] pred = Training.predictions(Training.logits(net, trainer.getManager(), data.sourceTest(), norm, ctx),
                        classes);
                int right = 0;
                for (int i = 0; i < pred.length; i++) {
                    right += pred[i] == data.sourceTest().label(i) ? 1 : 0;
                }
                Map<String, float[]> weights = new LinkedHashMap<>();
                for (Pair<String, Parameter> p : net.features().getParameters()) {
                    weights.put(p.getKey(), p.getValue().getArray().toFloatArray());
                }
                return new Pretrained(weights, List.copyOf(losses), seconds, (double) right / pred.length);
            }
        }
    }

    /**
     * Copies the pretrained values into the same-named parameters of an initialized feature extractor. Every
     * pretrained parameter must find its twin of the same size; parameters the adaptation added keep their
     * initialisation. Done without autograd: an in-place write into a leaf that requires a gradient is allowed
     * only then.
     *
     * @return how many parameters were loaded
     */
    static int load(ai.djl.nn.Block features, Pretrained pretrained) {
        Map<String, Parameter> byName = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : features.getParameters()) {
            byName.put(p.getKey(), p.getValue());
        }
        try (NoGrad off = NoGrad.enter()) {
            for (Map.Entry<String, float[]> e : pretrained.features().entrySet()) {
                Parameter p = byName.get(e.getKey());
                if (p == null || p.getArray().size() != e.getValue().length) {
                    throw new IllegalStateException("the adapted backbone has no parameter " + e.getKey()
                            + " of " + e.getValue().length + " values to load the pretrained one into");
                }
                NDArray a = p.getArray();
                a.set(FloatBuffer.wrap(e.getValue()));
            }
        }
        return pretrained.features().size();
    }

    private static SharedWork.Codec<Pretrained> codec() {
        return new SharedWork.Codec<>() {
            @Override
            public void write(Pretrained p, DataOutputStream out) throws IOException {
                out.writeInt(p.features().size());
                for (Map.Entry<String, float[]> e : p.features().entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    for (float v : e.getValue()) {
                        out.writeFloat(v);
                    }
                }
                out.writeInt(p.trainLoss().size());
                for (double l : p.trainLoss()) {
                    out.writeDouble(l);
                }
                out.writeDouble(p.seconds());
                out.writeDouble(p.sourceAccuracy());
            }

            @Override
            public Pretrained read(DataInputStream in) throws IOException {
                int n = in.readInt();
                Map<String, float[]> features = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String name = in.readUTF();
                    float[] v = new float[in.readInt()];
                    for (int k = 0; k < v.length; k++) {
                        v[k] = in.readFloat();
                    }
                    features.put(name, v);
                }
                int epochs = in.readInt();
                List<Double> loss = new ArrayList<>();
                for (int e = 0; e < epochs; e++) {
                    loss.add(in.readDouble());
                }
                return new Pretrained(features, List.copyOf(loss), in.readDouble(), in.readDouble());
            }
        };
    }
}
