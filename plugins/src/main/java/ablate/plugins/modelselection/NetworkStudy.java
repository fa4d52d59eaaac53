package ablate.plugins.modelselection;

import ablate.plugins.common.Optimizers;
import ablate.datasets.FashionMnist;
import ablate.datasets.ImageSet;
import ablate.datasets.Normalization;
import ablate.harness.discovery.Suggestions;
import ablate.harness.spi.Budget;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.TrialContext;
import ablate.metrics.selection.InformationCriteria;
import ablate.plugins.classification.BackbonePlugin;
import ablate.plugins.common.ModelCost;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.training.DefaultTrainingConfig;
import ablate.plugins.common.ThreadGradients;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Selection among trained Fashion-MNIST classifiers: each candidate network is trained with the suite's budget,
 * then scored with k = its trainable parameters, n = training images and ln L̂ = −(sum of the training
 * cross-entropy in nats), evaluated after training in inference mode. The test accuracy of each is kept so the
 * report can say how good the chosen network is.
 */
final class NetworkStudy {
    private NetworkStudy() {
    }

    /** A candidate as the suite writes it, {@code model.mlp hidden=8}: a model plugin and its parameters. */
    record Spec(String text, BackbonePlugin plugin, Params params) {
    }

    /**
     * @param spec          the candidate as written in the suite
     * @param criteria      k, n, ln L̂ and the criteria values
     * @param trainLoss     mean training cross-entropy (−ln L̂ / n)
     * @param testAccuracy  accuracy on the test split
     * @param trainSeconds  training wall time
     */
    record Candidate(String spec, InformationCriteria criteria, double trainLoss, double testAccuracy,
                     double trainSeconds) {
    }

    /** Parses {@code plugin-id key=value ...} against the model plugins' parameters. */
    static Spec parse(String text, Map<String, BackbonePlugin> plugins) {
        String where = "options.networks '" + text + "'";
        String[] tokens = text.trim().split("\\s+");
        BackbonePlugin plugin = plugins.get(tokens[0]);
        if (plugin == null) {
            throw new IllegalArgumentException(where + ": unknown model plugin '" + tokens[0] + "'"
                    + Suggestions.didYouMean(tokens[0], plugins.keySet()) + " (models: "
                    + String.join(", ", plugins.keySet()) + ")");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 1; i < tokens.length; i++) {
            int eq = tokens[i].indexOf('=');
            Param p = eq < 0 ? null : plugin.info().param(tokens[i].substring(0, eq));
            if (p == null) {
                throw new IllegalArgumentException(where + ": '" + tokens[i] + "' is not name=value with a parameter of "
                        + plugin.id() + " (parameters: " + String.join(", ",
                        plugin.info().params().stream().map(Param::name).toList()) + ")");
            }
            String raw = tokens[i].substring(eq + 1);
            try {
                values.put(p.name(), p.coerce(switch (p.type()) {
                    case INT -> Long.parseLong(raw);
                    case DOUBLE -> Double.parseDouble(raw);
                    case BOOLEAN -> raw.equals("true") ? Boolean.TRUE : raw.equals("false") ? Boolean.FALSE : raw;
                    default -> raw;
                }));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": parameter '" + p.name() + "' must be a number, got '"
                        + raw + "'");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        return new Spec(text, plugin, Params.resolve(plugin.info(), values));
    }

    /** Trains and scores every candidate, in order; progress counts the epochs of all candidates. */
    static List<Candidate> run(List<Spec> specs, FashionMnist.Split data, TrialContext ctx) {
        ImageSet train = data.train();
        Normalization norm = train.statistics();
        Budget budget = ctx.budget();
        int totalEpochs = specs.size() * budget.epochs();
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            out.add(trainAndScore(specs.get(i), i, data, norm, ctx, i * budget.epochs(), totalEpochs));
        }
        return out;
    }

    private static Candidate trainAndScore(Spec spec, int index, FashionMnist.Split data, Normalization norm,
                                           TrialContext ctx, int epochsBefore, int totalEpochs) {
        ImageSet train = data.train();
        Budget budget = ctx.budget();
        Shape image = new Shape(train.channels(), train.height(), train.width());
        Block block = spec.plugin().create(image, train.numClasses(), c -> Blocks.identityBlock(), spec.params());
        int batch = Math.min(budget.batchSize(), train.size());
        int steps = Math.max(1, train.size() / batch);
        try (Model model = Model.newInstance("candidate-" + index, ctx.device())) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizers.of(budget, steps * budget.epochs()))
                    .optDevices(new Device[]{ctx.device()});
            try (Trainer trainer = model.newTrainer(config)) {
                ctx.seeded(() -> {
                    trainer.initialize(new Shape(batch).addAll(image));
                    return null;
                });
                long t0 = System.nanoTime();
                Random order = new Random(ctx.seed() * 1_000_003L + index);
                for (int epoch = 1; epoch <= budget.epochs(); epoch++) {
                    double loss = trainEpoch(trainer, train, norm, batch, steps, order, ctx);
                    ctx.progress(epochsBefore + epoch, totalEpochs, loss);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Evaluation onTrain = evaluate(block, trainer.getManager(), train, norm, ctx);
                Evaluation onTest = evaluate(block, trainer.getManager(), data.test(), norm, ctx);
                long k = ModelCost.parameters(block, true);
                InformationCriteria criteria = InformationCriteria.of(-onTrain.crossEntropySum(), Math.toIntExact(k),
                        train.size());
                return new Candidate(spec.text(), criteria, onTrain.crossEntropySum() / train.size(),
                        onTest.accuracy(), seconds);
            }
        }
    }

    /** One pass over a seeded shuffle; each step's arrays live in the step's manager. Returns the mean loss. */
    private static double trainEpoch(Trainer trainer, ImageSet train, Normalization norm, int batch, int steps,
                                     Random order, TrialContext ctx) {
        int[] perm = train.shuffledIndices(order.nextLong());
        float[] buffer = new float[batch * train.imageSize()];
        int[] labels = new int[batch];
        Shape shape = new Shape(batch, train.channels(), train.height(), train.width());
        try (NDManager epoch = trainer.getManager().newSubManager()) {
            NDArray lossSum = epoch.zeros(new Shape(), DataType.FLOAT32);
            for (int s = 0; s < steps; s++) {
                ctx.checkCancelled();
                train.fill(perm, s * batch, batch, buffer, norm);
                train.fillLabels(perm, s * batch, batch, labels);
                try (NDManager step = trainer.getManager().newSubManager()) {
                    NDArray x = step.create(buffer, shape);
                    NDArray y = step.create(labels);
                    try (GradientCollector gc = ThreadGradients.open(trainer)) {
                        NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                        NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                        gc.backward(loss);
                        lossSum.addi(loss.stopGradient()); // detached, or every step's graph stays alive
                    }
                    trainer.step();
                }
            }
            return lossSum.getFloat() / steps;
        }
    }

    /** Summed cross-entropy in nats (accumulated in double) and accuracy, in inference mode. */
    record Evaluation(double crossEntropySum, double accuracy) {
    }

    static Evaluation evaluate(Block block, NDManager parent, ImageSet set, Normalization norm, TrialContext ctx) {
        int n = set.size();
        int classes = set.numClasses();
        int batch = 500;
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        int[] labels = set.labels();
        ParameterStore store = new ParameterStore(parent, false);
        float[] buffer = new float[batch * set.imageSize()];
        double nll = 0;
        int correct = 0;
        for (int from = 0; from < n; from += batch) {
            ctx.checkCancelled();
            int count = Math.min(batch, n - from);
            set.fill(all, from, count, buffer, norm);
            try (NDManager step = parent.newSubManager()) {
                NDArray x = step.create(count == batch ? buffer : Arrays.copyOf(buffer, count * set.imageSize()),
                        new Shape(count, set.channels(), set.height(), set.width()));
                float[] logProbs = block.forward(store, new NDList(x), false).singletonOrThrow().logSoftmax(1)
                        .toFloatArray();
                for (int i = 0; i < count; i++) {
                    int row = i * classes;
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (logProbs[row + c] > logProbs[row + best]) {
                            best = c;
                        }
                    }
                    int truth = labels[from + i];
                    nll -= logProbs[row + truth];
                    correct += best == truth ? 1 : 0;
                }
            }
        }
        return new Evaluation(nll, (double) correct / n);
    }
}
