package ablate.plugins.common;

import ai.djl.engine.Engine;
import ai.djl.pytorch.engine.PtEngine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns autograd recording off on the current thread while open, and restores it on close. libtorch's grad
 * mode is a per-thread switch that is on in every new thread; DJL turns it off only on the thread that loads
 * the engine, so an inference pass on a trial's worker thread would otherwise record a backward graph of every
 * op (saved activations included) that is never used. Engines other than PyTorch: nothing to do.
 */
public final class NoGrad implements AutoCloseable {
    private static final NoGrad NOTHING = new NoGrad(false);

    private final boolean restore;

    private NoGrad(boolean restore) {
        this.restore = restore;
    }

    public static NoGrad enter() {
        if (!PtEngine.ENGINE_NAME.equals(Engine.getInstance().getEngineName()) || !JniUtils.isGradMode()) {
            return NOTHING;
        }
        JniUtils.setGradMode(false);
        return new NoGrad(true);
    }

    @Override
    public void close() {
        if (restore) {
            JniUtils.setGradMode(true);
        }
    }
}
