package ablate.plugins.attention;

import ablate.plugins.common.MacCounted;
import ablate.plugins.common.ModelCost;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Convolutional block attention module (Woo et al. 2018), channel gate then spatial gate:
 * <ul>
 *   <li>channel: a shared MLP C→h (ReLU) →C, with biases, applied to the spatial average- and max-pool;
 *       the two outputs summed, sigmoid, channels scaled (2·C·h + h + C parameters);</li>
 *   <li>spatial: channel-wise mean and max stacked to (N, 2, H, W), a k×k convolution (padding k/2) to one
 *       map with a bias, sigmoid, positions scaled (2·k² + 1 parameters).</li>
 * </ul>
 * This is the paper's Eq. 2–3; the authors' code also puts a BatchNorm after the spatial convolution
 * (with the convolution's bias dropped), which is left out here.
 */
public final class CbamBlock extends FeatureMapAttention implements MacCounted {
    private final int hidden;
    private final int kernel;
    private final SequentialBlock channelMlp;
    private final Conv2d spatialConv;

    public CbamBlock(int channels, int hidden, int kernel) {
        super(channels);
        if (hidden < 1 || kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("CbamBlock: needs hidden >= 1 and an odd kernel, got hidden " + hidden
                    + ", kernel " + kernel);
        }
        this.hidden = hidden;
        this.kernel = kernel;
        channelMlp = addChildBlock("channelMlp", new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(channels).build()));
        spatialConv = addChildBlock("spatialConv", Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(1)
                .build());
    }

    public int hidden() {
        return hidden;
    }

    public int kernel() {
        return kernel;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long n = x.getShape().get(0);
        // one pass of the shared MLP over both descriptors, stacked along the batch axis: (2N, C)
        NDArray pooled = Pool.globalAvgPool2d(x).concat(Pool.globalMaxPool2d(x), 0);
        NDArray logits = channelMlp.forward(store, new NDList(pooled), training).singletonOrThrow()
                .reshape(2, n, channels).sum(new int[] {0});
        NDArray refined = x.mul(Activation.sigmoid(logits).reshape(n, channels, 1, 1));
        NDArray descriptor = refined.mean(CHANNEL, true).concat(refined.max(CHANNEL, true), 1);
        NDArray gate = Activation.sigmoid(spatialConv.forward(store, new NDList(descriptor), training).singletonOrThrow());
        return new NDList(refined.mul(gate));
    }

    @Override
    protected void initializeChildren(NDManager manager, DataType dataType, long batch, Shape in) {
        channelMlp.initialize(manager, dataType, new Shape(2 * batch, channels));
        spatialConv.initialize(manager, dataType, new Shape(batch, 2, in.get(2), in.get(3)));
    }

    @Override
    public long macs(Shape... inputShapes) {
        Shape in = inputShapes[0];
        long batch = in.get(0);
        return ModelCost.macs(channelMlp, new Shape(2 * batch, channels))
                + ModelCost.macs(spatialConv, new Shape(batch, 2, in.get(2), in.get(3)));
    }
}
