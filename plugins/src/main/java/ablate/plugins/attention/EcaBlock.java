package ablate.plugins.attention;

import ablate.plugins.common.MacCounted;
import ablate.plugins.common.ModelCost;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Efficient channel attention (Wang et al. 2020): global average pool to (N, C), a 1-D convolution of odd
 * size k across the channel axis (padding (k−1)/2, no bias: k parameters), sigmoid, channels scaled.
 */
public final class EcaBlock extends FeatureMapAttention implements MacCounted {
    private final int kernel;
    private final Conv1d conv;

    public EcaBlock(int channels, int kernel) {
        super(channels);
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("EcaBlock: kernel must be odd and >= 1, got " + kernel);
        }
        this.kernel = kernel;
        conv = addChildBlock("conv", Conv1d.builder()
                .setKernelShape(new Shape(kernel))
                .optPadding(new Shape((kernel - 1) / 2))
                .setFilters(1)
                .optBias(false)
                .build());
    }

    public int kernel() {
        return kernel;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long n = x.getShape().get(0);
        NDArray pooled = Pool.globalAvgPool2d(x).reshape(n, 1, channels);
        NDArray gate = Activation.sigmoid(conv.forward(store, new NDList(pooled), training).singletonOrThrow());
        return new NDList(x.mul(gate.reshape(n, channels, 1, 1)));
    }

    @Override
    protected void initializeChildren(NDManager manager, DataType dataType, long batch, Shape in) {
        conv.initialize(manager, dataType, new Shape(batch, 1, channels));
    }

    @Override
    public long macs(Shape... inputShapes) {
        return ModelCost.macs(conv, new Shape(inputShapes[0].get(0), 1, channels));
    }
}
