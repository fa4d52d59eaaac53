package ablate.plugins.common;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;

import java.util.List;
import java.util.function.Function;

/**
 * The training and inference steps of every loop, scoped by design: each step makes its arrays in a sub-manager
 * that is closed when the step returns, so nothing outlives a step but the parameters, the optimizer state and
 * what the caller reads back. Arrays left attached to a long-lived manager would keep their memory, and every
 * step would then compute into fresh (page-faulting) memory — several times slower.
 *
 * <p>No step reads anything back to the host on its own: the training loss is summed on the device, to be read
 * once when the caller needs it.
 */
public final class Steps {
    private final Trainer trainer;
    private final Optimizer optimizer;
    private final List<Parameter> trainable;

    /**
     * Training steps of {@code trainer} (initialized, on one device), whose parameters {@code optimizer} — the
     * one in its training configuration — updates.
     */
    public Steps(Trainer trainer, Optimizer optimizer) {
        if (trainer.getDevices().length != 1) {
            throw new IllegalArgumentException("training steps run on one device, the trainer has "
                    + trainer.getDevices().length);
        }
        this.trainer = trainer;
        this.optimizer = optimizer;
        trainable = trainer.getModel().getBlock().getParameters().values().stream()
                .filter(Parameter::requiresGradient).toList();
    }

    /**
     * One optimizer step on {@code batch}: forward, loss, backward, update. The batch's mean loss, detached from
     * the graph, is added to {@code lossSum} (a scalar of a manager that outlives the step).
     */
    public void train(BatchLoader.Batch batch, NDArray lossSum) {
        train(step -> new NDList[]{new NDList(batch.images(step)), new NDList(batch.labels(step))}, lossSum);
    }

    /**
     * One optimizer step on the inputs and labels that {@code batch} makes in the step's manager (freed when the
     * step ends), for tasks whose batches are not {@link BatchLoader}'s (e.g. per-pixel labels).
     */
    public void train(Function<NDManager, NDList[]> batch, NDArray lossSum) {
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDList[] xy = batch.apply(step);
            NDList x = xy[0];
            NDList y = xy[1];
            try (GradientCollector gc = ThreadGradients.open(trainer)) {
                NDList logits = trainer.forward(x);
                NDArray loss = trainer.getLoss().evaluate(y, logits);
                gc.backward(loss);
                lossSum.addi(loss.stopGradient()); // detached, or every step's graph would stay alive
            }
            update();
        }
    }

    /**
     * What {@link Trainer#step()} does on one device, without its parameter server's copy of every gradient
     * (kept there for multi-device reduction): the same optimizer calls on the same arrays, so the same numbers.
     * The engine's update zeroes each gradient afterwards. A parameter no forward pass has used yet has no
     * gradient and is left alone, as the trainer's parameter store (which only holds used ones) leaves it.
     */
    private void update() {
        for (Parameter p : trainable) {
            NDArray weight = p.getArray();
            NDArray grad = weight instanceof PtNDArray pt ? JniUtils.getGradient(pt) : weight.getGradient();
            if (grad == null) {
                continue;
            }
            try (grad) {
                optimizer.update(p.getId(), weight, grad);
            }
        }
    }

    /**
     * A forward pass of {@code block} in inference mode (no autograd recording) on {@code batch}; {@code read}
     * turns the (N, …) output into host values before the step's arrays are freed.
     */
    public static <T> T infer(Block block, ParameterStore store, NDManager parent, BatchLoader.Batch batch,
                              Function<NDArray, T> read) {
        try (NDManager step = parent.newSubManager(); NoGrad off = NoGrad.enter()) {
            NDArray out = block.forward(store, new NDList(batch.images(step)), false).singletonOrThrow();
            return read.apply(out);
        }
    }
}
