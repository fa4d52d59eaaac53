package ablate.plugins.finetuning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Houlsby et al. 2019's bottleneck adapter: {@code x + up(GELU(down(x)))}, dim → m → dim. Both projections are
 * drawn from N(0, 0.01²) with zero biases — the paper's near-identity initialisation, so inserting adapters into a
 * pretrained network barely changes it before training.
 */
final class Adapter extends AbstractBlock {
    static final float INIT_STD = 0.01f;
    private final LoraLinear down;
    private final LoraLinear up;

    Adapter(int dim, int size) {
        down = addChildBlock("down", new LoraLinear(dim, size, INIT_STD));
        up = addChildBlock("up", new LoraLinear(size, dim, INIT_STD));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray h = Activation.gelu(down.forward(ps, new NDList(x), training).singletonOrThrow());
        return new NDList(x.add(up.forward(ps, new NDList(h), training).singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return inputs;
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        down.initialize(manager, dataType, inputShapes);
        up.initialize(manager, dataType, down.getOutputShapes(inputShapes));
    }

    long macs(Shape input) {
        return down.macs(input) + up.macs(down.getOutputShapes(new Shape[]{input})[0]);
    }
}
