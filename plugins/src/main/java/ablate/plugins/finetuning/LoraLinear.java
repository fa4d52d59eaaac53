package ablate.plugins.finetuning;

import ablate.plugins.common.Constant;
import ablate.plugins.common.NoGrad;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * A linear layer {@code y = x·Wᵀ + b} over the last axis, optionally with a LoRA update (Hu et al. 2022):
 * {@code y = x·Wᵀ + b + (α/r)·dropout(x)·Aᵀ·Bᵀ}, A (r, in) drawn as loralib draws it (Kaiming-uniform with
 * a = √5, i.e. U(±1/√in)) and B (out, r) zero, so the adapted layer starts as exactly the base layer.
 * {@link #merge} folds {@code (α/r)·B·A} into W, after which the forward pass is the plain linear layer again:
 * inference costs nothing extra.
 *
 * <p>The parameters are named {@code weight}, {@code bias}, {@code loraA}, {@code loraB}, so a base layer's
 * pretrained weights load by name into its LoRA-adapted twin. Weights use ViT's N(0, 0.02²) initialisation
 * (declared as {@link Parameter.Type#OTHER} so that the trainer's default Xavier initializer leaves them alone).
 */
final class LoraLinear extends AbstractBlock {
    private final int in;
    private final int out;
    private final int rank;
    private final float scale;
    private final float dropout;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter loraA;
    private final Parameter loraB;
    private boolean merged;

    /** A plain linear layer (no LoRA) with weights drawn from N(0, std²). */
    LoraLinear(int in, int out, float std) {
        this(in, out, 0, 0, 0, std);
    }

    /**
     * @param rank    LoRA rank r (0: none)
     * @param alpha   LoRA α; the update is scaled by α/r
     * @param dropout dropout on the LoRA branch's input during training
     */
    LoraLinear(int in, int out, int rank, double alpha, double dropout, float std) {
        this.in = in;
        this.out = out;
        this.rank = rank;
        this.scale = rank > 0 ? (float) (alpha / rank) : 0f;
        this.dropout = (float) dropout;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.OTHER)
                .optShape(new Shape(out, in)).optInitializer(new NormalInitializer(std)).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optInitializer(Initializer.ZEROS).build());
        if (rank > 0) {
            loraA = addParameter(Parameter.builder().setName("loraA").setType(Parameter.Type.OTHER)
                    .optShape(new Shape(rank, in)).optInitializer(new UniformInitializer((float) (1 / Math.sqrt(in))))
                    .build());
            loraB = addParameter(Parameter.builder().setName("loraB").setType(Parameter.Type.OTHER)
                    .optShape(new Shape(out, rank)).optInitializer(Initializer.ZEROS).build());
        } else {
            loraA = null;
            loraB = null;
        }
    }

    int inputs() {
        return in;
    }

    int outputs() {
        return out;
    }

    boolean hasLora() {
        return rank > 0;
    }

    boolean isMerged() {
        return merged;
    }

    /** Folds the LoRA update into the base weight (in place, no autograd) and drops the branch from the forward pass. */
    void merge() {
        if (rank == 0 || merged) {
            return;
        }
        try (NoGrad off = NoGrad.enter()) {
            NDArray w = weight.getArray();
            try (NDArray delta = loraB.getArray().matMul(loraA.getArray())) {
                w.addi(delta.muli(scale));
            }
        }
        merged = true;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        NDArray y = Linear.linear(x, w, b).singletonOrThrow();
        if (rank == 0 || merged) {
            return new NDList(y);
        }
        NDArray a = ps.getValue(loraA, x.getDevice(), training);
        NDArray bb = ps.getValue(loraB, x.getDevice(), training);
        NDArray dx = dropout > 0 ? Dropout.dropout(x, dropout, training).singletonOrThrow() : x;
        NDArray update = Linear.linear(Linear.linear(dx, a).singletonOrThrow(), bb).singletonOrThrow();
        // scale as a same-device array of the graph's manager, not a Java number (see ablate.plugins.common.Constant)
        return new NDList(y.add(update.mul(Constant.like(update, scale))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        return new Shape[]{s.slice(0, s.dimension() - 1).add(out)};
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        // parameters have fixed shapes; nothing to infer
    }

    /** MACs of the deployed layer: the base matrix product only once merged, plus the two thin products before. */
    long macs(Shape input) {
        long rows = input.size() / input.tail();
        return rows * ((long) in * out + (rank > 0 && !merged ? (long) rank * (in + out) : 0));
    }
}
