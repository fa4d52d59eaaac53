package ablate.plugins.detection.task;

import ablate.plugins.common.Optimizers;
import ablate.datasets.Indices;
import ablate.datasets.Normalization;
import ablate.datasets.detection.Annotation;
import ablate.datasets.detection.DetectionSet;
import ablate.harness.spi.Budget;
import ablate.harness.spi.TrialContext;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ablate.plugins.common.ThreadGradients;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a {@link Detector} on a detection set: images resized to the detector's input, a seeded shuffle per
 * epoch, the suite's optimizer and schedule, per-step sub-managers so that every array of a step is freed when it
 * ends, and the loss accumulated on the device (detached) and read once per epoch.
 */
final class DetectorTraining {
    /** Pixels to floats: (v/255 − 0.5)/0.25 on every channel (the synthetic scenes span the whole range). */
    static final Normalization NORMALIZATION = Normalization.of(new float[]{0.5f}, new float[]{0.25f});

    private DetectorTraining() {
    }

    /** What training leaves: the parameters ({@code Block.saveParameters}), the loss per epoch and the time. */
    record Result(byte[] parameters, List<Double> trainLoss, double seconds) {
    }

    static Result train(Detector detector, DetectionSet original, Detector.Losses losses, TrialContext ctx)
            throws IOException {
        int s = detector.inputSize();
        DetectionSet train = original.resized(s, s);
        List<List<TruthBox>> truth = truth(train);
        Budget budget = ctx.budget();
        int batch = Math.min(budget.batchSize(), train.size());
        int steps = Math.max(1, train.size() / batch);
        try (Model model = Model.newInstance("detector", ctx.device())) {
            model.setBlock(detector.block());
            // the Trainer only runs the optimizer here: the detector computes its own loss
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss("unused"))
                    .optOptimizer(Optimizers.of(budget, steps * budget.epochs()))
                    .optDevices(new ai.djl.Device[]{ctx.device()});
            try (Trainer trainer = model.newTrainer(config)) {
                Shape input = new Shape(batch, 3, s, s);
                ctx.seeded(() -> {
                    trainer.initialize(input);
                    return null;
                });
                long t0 = System.nanoTime();
                List<Double> curve = new ArrayList<>();
                float[] pixels = new float[batch * train.imageSize()];
                for (int epoch = 1; epoch <= budget.epochs(); epoch++) {
                    int[] order = Indices.shuffled(train.size(), Indices.derive(ctx.seed(), 1000 + epoch));
                    double loss = epoch(trainer, detector, train, truth, losses, order, batch, steps, pixels, input, ctx);
                    curve.add(loss);
                    ctx.progress(epoch, budget.epochs(), loss);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                detector.block().saveParameters(new DataOutputStream(bytes));
                return new Result(bytes.toByteArray(), List.copyOf(curve), seconds);
            }
        }
    }

    private static double epoch(Trainer trainer, Detector detector, DetectionSet train, List<List<TruthBox>> truth,
                                Detector.Losses losses, int[] order, int batch, int steps, float[] pixels, Shape input,
                                TrialContext ctx) {
        try (NDManager epoch = trainer.getManager().newSubManager()) {
            NDArray sum = epoch.zeros(new Shape(), DataType.FLOAT32);
            for (int step = 0; step < steps; step++) {
                ctx.checkCancelled();
                int from = step * batch;
                train.fill(order, from, batch, pixels, NORMALIZATION);
                List<List<TruthBox>> targets = new ArrayList<>(batch);
                for (int k = 0; k < batch; k++) {
                    targets.add(truth.get(order[from + k]));
                }
                try (NDManager manager = trainer.getManager().newSubManager()) {
                    NDArray x = manager.create(pixels, input);
                    try (GradientCollector gc = ThreadGradients.open(trainer)) {
                        NDList outputs = trainer.forward(new NDList(x));
                        NDArray loss = detector.loss(outputs, targets, losses, manager);
                        gc.backward(loss);
                        sum.addi(loss.stopGradient()); // detached, or every step's graph stays alive
                    }
                    trainer.step();
                }
            }
            return sum.getFloat() / steps;
        }
    }

    /** Each image's non-crowd boxes as training targets (class index = position of the category). */
    static List<List<TruthBox>> truth(DetectionSet set) {
        List<List<TruthBox>> all = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            List<TruthBox> boxes = new ArrayList<>();
            for (Annotation a : set.annotationsOf(i)) {
                if (!a.crowd() && a.width() > 0 && a.height() > 0) {
                    boxes.add(new TruthBox(a.x(), a.y(), a.x() + a.width(), a.y() + a.height(),
                            set.categoryIndex(a.categoryId())));
                }
            }
            all.add(List.copyOf(boxes));
        }
        return all;
    }
}
