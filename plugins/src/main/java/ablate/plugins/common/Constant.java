package ablate.plugins.common;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Numbers as operands of a differentiable computation. DJL's {@code NDArray.mul(Number)} — and {@code add}, {@code
 * div}, {@code pow}, {@code maximum}, … with a number — wraps the number in a tensor over a Java direct buffer that
 * it releases as soon as the call returns; autograd keeps that tensor for the backward pass (the gradient of
 * {@code x·c} is {@code c}), and the backward pass then reads freed memory whenever the garbage collector has run
 * in between: wrong gradients, now and then, more often under memory churn or parallel trials (ConstantTest shows
 * it). A constant made here is allocated by the engine, on the array's device, so the graph owns it. Training
 * code (blocks' forward passes, losses) writes {@code x.mul(Constant.like(x, 4))}, never {@code x.mul(4)}.
 */
public final class Constant {
    private Constant() {
    }

    /** A scalar {@code value} of {@code like}'s type, on its device, in its manager. */
    public static NDArray like(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
