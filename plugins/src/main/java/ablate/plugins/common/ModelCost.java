package ablate.plugins.common;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.convolutional.Deconvolution;
import ai.djl.nn.core.Linear;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Size and compute of a network, for the cost columns of a trial.
 *
 * <p>Conventions:
 * <ul>
 *   <li><b>Parameters</b> are what PyTorch's {@code model.parameters()} holds: weights, biases and the scale and
 *       shift of normalisation layers; BatchNorm's running mean and variance are buffers and not counted.
 *       {@code trainable} counts those that get a gradient ({@link Parameter#requiresGradient()}); a parameter
 *       shared by several blocks counts once.</li>
 *   <li><b>MACs</b> (multiply-accumulates) per sample, counted for convolution and linear layers only, as thop
 *       and ptflops count those layers: a convolution costs {@code outH·outW·outC·(inC/groups)·kh·kw} (any
 *       number of spatial dimensions), a linear layer {@code in·out} per row; bias additions are not counted.
 *       Element-wise work — normalisation, activations, pooling, attention gating products, residual sums —
 *       is left out, so a parameter-free module such as SimAM costs 0 MACs.</li>
 * </ul>
 * MACs are found by propagating shapes through the block tree: {@link SequentialBlock} chains its children,
 * {@link ParallelBlock} feeds each child the same input, a {@link MacCounted} block counts itself, and a
 * leaf with no convolution or linear layer costs nothing. A custom composite block holding such layers must
 * implement {@link MacCounted}, otherwise {@link #macs} refuses it rather than guess.
 *
 * @param trainableParams parameters updated by the optimizer
 * @param totalParams     all parameters (frozen ones included, BatchNorm running statistics excluded)
 * @param macsPerSample   multiply-accumulates of one forward pass of one example
 */
public record ModelCost(long trainableParams, long totalParams, long macsPerSample) {

    /**
     * @param block      an initialized block
     * @param inputShape its input, batch dimension first (e.g. {@code (1, 1, 28, 28)}); MACs are divided by it
     */
    public static ModelCost of(Block block, Shape inputShape) {
        long batch = inputShape.get(0);
        if (batch < 1) {
            throw new IllegalArgumentException("input shape " + inputShape + " needs a batch dimension >= 1 first");
        }
        return new ModelCost(parameters(block, true), parameters(block, false), macs(block, inputShape) / batch);
    }

    /** Parameter count of an initialized block: only those with a gradient when {@code trainableOnly}. */
    public static long parameters(Block block, boolean trainableOnly) {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        long count = 0;
        for (Parameter p : block.getParameters().values()) {
            if (!seen.add(p) || p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR
                    || (trainableOnly && !p.requiresGradient())) {
                continue;
            }
            if (p.getShape() == null) {
                throw new IllegalStateException("parameter " + p.getName() + " has no shape: initialize the block first");
            }
            count += p.getShape().size();
        }
        return count;
    }

    /**
     * Multiply-accumulates of one forward pass of {@code block} over inputs of these shapes (whole batch).
     *
     * @throws IllegalArgumentException for a layer or composite block this convention cannot count
     */
    public static long macs(Block block, Shape... inputShapes) {
        if (block instanceof MacCounted counted) {
            return counted.macs(inputShapes);
        }
        if (block instanceof Convolution conv) {
            return convolutionMacs(conv, inputShapes[0]);
        }
        if (block instanceof Linear linear) {
            Shape in = inputShapes[0];
            long rows = in.size() / in.tail();
            return rows * in.tail() * linear.getOutputShapes(inputShapes)[0].tail();
        }
        if (block instanceof SequentialBlock) {
            long total = 0;
            Shape[] shapes = inputShapes;
            for (Block child : block.getChildren().values()) {
                total += macs(child, shapes);
                shapes = child.getOutputShapes(shapes);
            }
            return total;
        }
        if (block instanceof ParallelBlock) {
            long total = 0;
            for (Block child : block.getChildren().values()) {
                total += macs(child, inputShapes);
            }
            return total;
        }
        if (block instanceof Deconvolution || holdsCountedLayer(block)) {
            throw new IllegalArgumentException("cannot count the MACs of " + block.getClass().getName()
                    + ": it holds convolution or linear layers in a custom forward pass; implement "
                    + MacCounted.class.getName());
        }
        return 0; // normalisation, activation, pooling, reshaping, parameter-free attention: element-wise
    }

    private static long convolutionMacs(Convolution conv, Shape in) {
        Shape out = conv.getOutputShapes(new Shape[] {in})[0];
        long perOutput = (in.get(1) / conv.getGroups()) * conv.getKernelShape().size();
        return out.size() * perOutput; // out.size() = N·outC·(output positions)
    }

    private static boolean holdsCountedLayer(Block block) {
        for (Block child : block.getChildren().values()) {
            if (child instanceof Convolution || child instanceof Deconvolution || child instanceof Linear
                    || child instanceof MacCounted || holdsCountedLayer(child)) {
                return true;
            }
        }
        return false;
    }
}
