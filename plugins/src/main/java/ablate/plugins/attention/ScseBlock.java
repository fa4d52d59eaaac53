package ablate.plugins.attention;

import ablate.plugins.common.MacCounted;
import ablate.plugins.common.ModelCost;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Concurrent spatial and channel squeeze-and-excitation (Roy et al. 2018): the sum of a channel-gated map (cSE, an
 * {@link SeBlock}) and a spatially gated one (sSE: a 1×1 convolution C→1 with bias, sigmoid, each pixel scaled by
 * its gate). Parameters: the SE block's 2·C·h + h + C, plus C + 1.
 */
public final class ScseBlock extends FeatureMapAttention implements MacCounted {
    private final SeBlock channel;
    private final Conv2d spatial;

    public ScseBlock(int channels, int hidden) {
        super(channels);
        channel = addChildBlock("cse", new SeBlock(channels, hidden));
        spatial = addChildBlock("sse", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray cse = channel.forward(store, inputs, training).singletonOrThrow();
        NDArray gate = Activation.sigmoid(spatial.forward(store, inputs, training).singletonOrThrow()); // (N,1,H,W)
        return new NDList(cse.add(x.mul(gate)));
    }

    @Override
    protected void initializeChildren(NDManager manager, DataType dataType, long batch, Shape in) {
        channel.initialize(manager, dataType, in);
        spatial.initialize(manager, dataType, in);
    }

    @Override
    public long macs(Shape... inputShapes) {
        return ModelCost.macs(channel, inputShapes) + ModelCost.macs(spatial, inputShapes);
    }
}
