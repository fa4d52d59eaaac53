package ablate.plugins.models;

import ablate.plugins.common.MacCounted;
import ablate.plugins.common.ModelCost;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Objects;

/**
 * The basic residual block of He et al. 2016: conv3×3(stride) → BN → ReLU → conv3×3 → BN → attention, plus
 * the shortcut, then ReLU. The attention block sits after the second BN and before the addition, as in
 * SE-ResNet and CBAM. The shortcut is the identity when shapes match, otherwise a 1×1 convolution with the
 * block's stride and a BN (the paper's option B).
 */
public final class BasicBlock extends AbstractBlock implements MacCounted {
    private final SequentialBlock body;
    private final Block attention;
    private final SequentialBlock projection; // null: identity shortcut

    public BasicBlock(int inChannels, int outChannels, int stride, Block attention) {
        this.attention = Objects.requireNonNull(attention, "the attention function returned null");
        body = addChildBlock("body", new SequentialBlock()
                .add(conv(outChannels, 3, stride))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv(outChannels, 3, 1))
                .add(BatchNorm.builder().build()));
        addChildBlock("attention", attention);
        projection = stride == 1 && inChannels == outChannels ? null
                : addChildBlock("projection", new SequentialBlock()
                        .add(conv(outChannels, 1, stride))
                        .add(BatchNorm.builder().build()));
    }

    /** A convolution without bias (a BN follows), padding k/2. */
    static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(filters)
                .optBias(false)
                .build();
    }

    public boolean hasProjection() {
        return projection != null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList residual = attention.forward(store, body.forward(store, inputs, training, params), training, params);
        NDArray shortcut = projection == null ? inputs.singletonOrThrow()
                : projection.forward(store, inputs, training, params).singletonOrThrow();
        return new NDList(Activation.relu(residual.singletonOrThrow().add(shortcut)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return body.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
        attention.initialize(manager, dataType, body.getOutputShapes(inputShapes));
        if (projection != null) {
            projection.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public long macs(Shape... inputShapes) {
        return ModelCost.macs(body, inputShapes)
                + ModelCost.macs(attention, body.getOutputShapes(inputShapes))
                + (projection == null ? 0 : ModelCost.macs(projection, inputShapes));
    }
}
