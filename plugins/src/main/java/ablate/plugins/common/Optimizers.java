package ablate.plugins.common;

import ablate.harness.spi.Budget;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/** The suite's optimizer for every task that trains: SGD (momentum 0.9) or Adam, a learning-rate schedule, weight decay. */
public final class Optimizers {
    private Optimizers() {
    }

    /**
     * @param totalSteps optimizer steps of the whole training run (the cosine schedule ends there; the step
     *                   schedule divides by 10 at 1/2 and 3/4 of it)
     */
    public static Optimizer of(Budget b, int totalSteps) {
        Tracker lr = switch (b.schedule()) {
            case "cosine" -> Tracker.cosine().setBaseValue((float) b.learningRate()).optFinalValue(0f)
                    .setMaxUpdates(totalSteps).build();
            case "step" -> Tracker.multiFactor().setSteps(new int[]{totalSteps / 2, totalSteps * 3 / 4})
                    .setBaseValue((float) b.learningRate()).optFactor(0.1f).build();
            default -> Tracker.fixed((float) b.learningRate());
        };
        return switch (b.optimizer()) {
            case "adam" -> Optimizer.adam().optLearningRateTracker(lr).optWeightDecays((float) b.weightDecay()).build();
            default -> Optimizer.sgd().setLearningRateTracker(lr).optMomentum(0.9f)
                    .optWeightDecays((float) b.weightDecay()).build();
        };
    }
}
