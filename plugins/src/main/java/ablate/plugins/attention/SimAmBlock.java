package ablate.plugins.attention;

import ablate.plugins.common.Constant;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * SimAM (Yang et al. 2021), parameter-free: the inverse of each neuron's minimal energy (paper Eq. 5),
 * {@code e = (x − μ)² / (4(σ² + λ)) + 0.5} with μ and σ² = Σ(x − μ)²/(H·W − 1) taken per channel over the
 * spatial positions, scales the input as {@code x · sigmoid(e)}. For a 1×1 map, where H·W − 1 = 0, the
 * variance divisor is taken as 1 (the numerator is 0 there), so the block stays finite.
 */
public final class SimAmBlock extends FeatureMapAttention {
    private final double lambda;

    public SimAmBlock(int channels, double lambda) {
        super(channels);
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("SimAmBlock: lambda must be > 0, got " + lambda);
        }
        this.lambda = lambda;
    }

    public double lambda() {
        return lambda;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        float positions = shape.get(2) * shape.get(3);
        float divisor = Math.max(1, positions - 1);
        NDArray squaredDeviation = x.sub(x.sum(SPATIAL, true).div(Constant.like(x, positions))).square();
        NDArray variance = squaredDeviation.sum(SPATIAL, true).div(Constant.like(x, divisor));
        NDArray energyInverse = squaredDeviation.div(variance.add(Constant.like(x, lambda)).mul(Constant.like(x, 4)))
                .add(Constant.like(x, 0.5));
        return new NDList(x.mul(Activation.sigmoid(energyInverse)));
    }

    @Override
    protected void initializeChildren(NDManager manager, DataType dataType, long batch, Shape in) {
        // no parameters, no children
    }
}
