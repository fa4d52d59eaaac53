package ablate.plugins.finetuning;

import ablate.plugins.common.MacCounted;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * A small Vision Transformer (Dosovitskiy et al. 2021) as a feature extractor: non-overlapping p×p patches
 * linearly embedded ({@code patch}), a class token and learned position embeddings, {@code depth} pre-norm
 * encoder layers ({@link VitLayer}), a final LayerNorm, and the class token's features (N, dim) out. With prompt
 * tuning (Lester et al. 2021, as VPT-shallow applies it to ViT: Jia et al. 2022), {@code k} learned tokens sit
 * between the class token and the patches, without position embedding. Weights, class token and positions are
 * drawn from N(0, 0.02²) as in the reference ViT code.
 */
final class TinyVit extends AbstractBlock implements MacCounted {
    static final float INIT_STD = 0.02f;
    private final int patch;
    private final int dim;
    private final LoraLinear embed;
    private final List<VitLayer> layers = new ArrayList<>();
    private final LayerNorm norm;
    private final Parameter cls;
    private final Parameter pos;
    private final Parameter prompt;

    TinyVit(Shape image, int patch, int dim, int depth, int heads, int mlp, Insertions add) {
        this.patch = patch;
        this.dim = dim;
        long tokens = (image.get(1) / patch) * (image.get(2) / patch);
        cls = addParameter(Parameter.builder().setName("cls").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1, 1, dim)).optInitializer(new NormalInitializer(INIT_STD)).build());
        pos = addParameter(Parameter.builder().setName("pos").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1, tokens + 1, dim)).optInitializer(new NormalInitializer(INIT_STD)).build());
        prompt = add.promptTokens() == 0 ? null : addParameter(Parameter.builder().setName("prompt")
                .setType(Parameter.Type.OTHER).optShape(new Shape(1, add.promptTokens(), dim))
                .optInitializer(new NormalInitializer(INIT_STD)).build());
        embed = addChildBlock("patch", new LoraLinear((int) (image.get(0) * patch * patch), dim, INIT_STD));
        for (int i = 0; i < depth; i++) {
            layers.add(addChildBlock("layer" + i, new VitLayer(dim, heads, mlp, add)));
        }
        norm = addChildBlock("norm", LayerNorm.builder().axis(1).build()); // over the features of (N, dim)
    }

    List<VitLayer> layers() {
        return layers;
    }

    /** (N, C, H, W) → (N, H/p · W/p, C·p·p), patches in row-major order. */
    private NDArray patches(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long gh = s.get(2) / patch;
        long gw = s.get(3) / patch;
        return x.reshape(n, c, gh, patch, gw, patch).transpose(0, 2, 4, 1, 3, 5).reshape(n, gh * gw, c * patch * patch);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long n = x.getShape().get(0);
        NDArray tokens = embed.forward(ps, new NDList(patches(x)), training).singletonOrThrow();
        NDArray c = inStep(ps.getValue(cls, x.getDevice(), training).broadcast(n, 1, dim), x);
        NDArray seq = NDArrays.concat(new NDList(c, tokens), 1).add(ps.getValue(pos, x.getDevice(), training));
        if (prompt != null) {
            NDArray p = ps.getValue(prompt, x.getDevice(), training);
            NDArray prompts = inStep(p.broadcast(n, p.getShape().get(1), dim), x);
            seq = NDArrays.concat(new NDList(seq.get(":, :1, :"), prompts, seq.get(":, 1:, :")), 1);
        }
        NDList h = new NDList(seq);
        for (VitLayer layer : layers) {
            h = layer.forward(ps, h, training);
        }
        NDArray first = h.singletonOrThrow().get(":, 0, :");
        return norm.forward(ps, new NDList(first), training);
    }

    /**
     * An op whose first operand is a parameter puts its result in the parameter's long-lived manager; moved to the
     * input's (the step's) manager it is freed with the step, instead of accumulating (with its autograd graph)
     * for the whole run.
     */
    private static NDArray inStep(NDArray fromParameter, NDArray input) {
        fromParameter.attach(input.getManager());
        return fromParameter;
    }

    /** Sequence shape (N, tokens, dim) inside the encoder, prompts included. */
    private Shape sequence(Shape input) {
        long tokens = (input.get(2) / patch) * (input.get(3) / patch) + 1
                + (prompt == null ? 0 : prompt.getShape().get(1));
        return new Shape(input.get(0), tokens, dim);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[]{new Shape(inputs[0].get(0), dim)};
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        embed.initialize(manager, dataType, new Shape(in.get(0), 1, in.get(1) * patch * patch));
        Shape seq = sequence(in);
        for (VitLayer layer : layers) {
            layer.initialize(manager, dataType, seq);
        }
        norm.initialize(manager, dataType, new Shape(in.get(0), dim));
    }

    @Override
    public long macs(Shape... inputShapes) {
        Shape in = inputShapes[0];
        long positions = (in.get(2) / patch) * (in.get(3) / patch);
        long total = embed.macs(new Shape(in.get(0), positions, in.get(1) * patch * patch));
        for (VitLayer layer : layers) {
            total += layer.macs(sequence(in));
        }
        return total;
    }
}
