package ablate.plugins.common;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

/**
 * A gradient collector for the calling thread only. DJL's PyTorch collector allows one open collector per JVM
 * (a static flag), so trials run in parallel ({@code --jobs}) would fail each other's training steps; libtorch's
 * grad mode is a per-thread switch, so each trial thread can record and back-propagate its own graph. It does
 * what DJL's collector does — grad mode on while open, back-propagation from a ones seed, the previous mode
 * restored on close — without the global flag. Other engines: the trainer's own collector.
 */
public final class ThreadGradients implements GradientCollector {
    private final boolean previousMode;

    private ThreadGradients() {
        previousMode = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
    }

    /** Opens a collector for {@code trainer}'s steps on this thread. */
    public static GradientCollector open(Trainer trainer) {
        return trainer.getManager() instanceof ai.djl.pytorch.engine.PtNDManager
                ? new ThreadGradients() : trainer.newGradientCollector();
    }

    @Override
    public void backward(NDArray target) {
        try (NDArray seed = target.onesLike()) {
            JniUtils.backward((PtNDArray) target, (PtNDArray) seed, false, false);
        }
    }

    /** Not needed: the optimizer update zeroes each gradient it applies (see {@link Steps}). */
    @Override
    public void zeroGradients() {
        throw new UnsupportedOperationException("gradients are zeroed by the optimizer update");
    }

    @Override
    public void close() {
        if (!previousMode) {
            JniUtils.setGradMode(false);
        }
    }
}
