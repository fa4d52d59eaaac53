package ablate.plugins.superres.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * PReLU with one learned slope per channel, as FSRCNN uses (and PyTorch's {@code nn.PReLU(C)}), initialised to
 * 0.25 as PyTorch does. DJL's {@code Prelu} has a single slope and a 0-d weight that the training configuration's
 * Xavier initializer refuses. The slope is of type OTHER so that initializer leaves it at 0.25.
 * f(x) = relu(x) + a·(x − relu(x)): no Java number enters the graph (see {@code Constant}).
 */
final class ChannelPrelu extends AbstractBlock {
    private final Parameter alpha;

    ChannelPrelu() {
        alpha = addParameter(Parameter.builder().setName("alpha").setType(Parameter.Type.OTHER)
                .optInitializer(new ConstantInitializer(0.25f)).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        alpha.setShape(new Shape(inputShapes[0].get(1)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        // An op's result joins the manager of the array it is called on: called on the parameter, it would join the
        // model's long-lived manager and keep every step's activations and graph alive (FSRCNN grew to 18 GB).
        NDArray a = store.getValue(alpha, x.getDevice(), training).reshape(1, -1, 1, 1);
        a.attach(x.getManager());
        NDArray pos = Activation.relu(x);
        return new NDList(pos.add(x.sub(pos).mul(a)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
