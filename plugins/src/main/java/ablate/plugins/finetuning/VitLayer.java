package ablate.plugins.finetuning;

import ablate.plugins.common.Constant;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.List;

/**
 * One pre-norm Transformer encoder layer of ViT (Dosovitskiy et al. 2021): {@code x + attn(LN(x))}, then
 * {@code x + mlp(LN(x))}, multi-head self-attention with separate {@code query}, {@code key}, {@code value} and
 * {@code out} projections (the modules the LoRA paper adapts) and a GELU MLP {@code fc1}, {@code fc2}. With
 * adapters, one Houlsby adapter follows each sub-layer's output projection, before the residual sum (where the
 * paper puts them). Optional children are added last so the base parameters' names never change.
 */
final class VitLayer extends AbstractBlock {
    /** The linear modules of a layer, by the names LoRA's {@code targets} use. */
    static final List<String> MODULES = List.of("query", "key", "value", "out", "fc1", "fc2");

    private final int dim;
    private final int heads;
    private final LayerNorm norm1;
    private final LoraLinear query;
    private final LoraLinear key;
    private final LoraLinear value;
    private final LoraLinear out;
    private final LayerNorm norm2;
    private final LoraLinear fc1;
    private final LoraLinear fc2;
    private final Adapter adapter1;
    private final Adapter adapter2;

    VitLayer(int dim, int heads, int mlp, Insertions add) {
        this.dim = dim;
        this.heads = heads;
        norm1 = addChildBlock("norm1", LayerNorm.builder().axis(2).build());
        query = addChildBlock("query", linear(dim, dim, "query", add));
        key = addChildBlock("key", linear(dim, dim, "key", add));
        value = addChildBlock("value", linear(dim, dim, "value", add));
        out = addChildBlock("out", linear(dim, dim, "out", add));
        norm2 = addChildBlock("norm2", LayerNorm.builder().axis(2).build());
        fc1 = addChildBlock("fc1", linear(dim, mlp, "fc1", add));
        fc2 = addChildBlock("fc2", linear(mlp, dim, "fc2", add));
        adapter1 = add.adapterSize() > 0 ? addChildBlock("adapter1", new Adapter(dim, add.adapterSize())) : null;
        adapter2 = add.adapterSize() > 0 ? addChildBlock("adapter2", new Adapter(dim, add.adapterSize())) : null;
    }

    private static LoraLinear linear(int in, int outputs, String name, Insertions add) {
        return new LoraLinear(in, outputs, add.rankFor(name), add.loraAlpha(), add.loraDropout(), TinyVit.INIT_STD);
    }

    List<LoraLinear> linears() {
        return List.of(query, key, value, out, fc1, fc2);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long n = x.getShape().get(0);
        long t = x.getShape().get(1);
        long dh = dim / heads;
        NDList h = norm1.forward(ps, new NDList(x), training);
        NDArray q = split(query.forward(ps, h, training).singletonOrThrow(), n, t, dh);
        NDArray k = split(key.forward(ps, h, training).singletonOrThrow(), n, t, dh);
        NDArray v = split(value.forward(ps, h, training).singletonOrThrow(), n, t, dh);
        // scaled dot-product attention; 1/√dh folded into q as a tensor (never a Java number in the graph)
        NDArray scores = q.mul(Constant.like(q, 1 / Math.sqrt(dh))).matMul(k.transpose(0, 1, 3, 2));
        NDArray attended = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(n, t, dim);
        NDArray a = out.forward(ps, new NDList(attended), training).singletonOrThrow();
        if (adapter1 != null) {
            a = adapter1.forward(ps, new NDList(a), training).singletonOrThrow();
        }
        x = x.add(a);
        NDList h2 = norm2.forward(ps, new NDList(x), training);
        NDArray m = Activation.gelu(fc1.forward(ps, h2, training).singletonOrThrow());
        m = fc2.forward(ps, new NDList(m), training).singletonOrThrow();
        if (adapter2 != null) {
            m = adapter2.forward(ps, new NDList(m), training).singletonOrThrow();
        }
        return new NDList(x.add(m));
    }

    /** (N, T, D) → (N, heads, T, D/heads). */
    private NDArray split(NDArray x, long n, long t, long dh) {
        return x.reshape(n, t, heads, dh).transpose(0, 2, 1, 3);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return inputs;
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        for (var child : getChildren().values()) {
            Shape s = child == fc2 ? fc1.getOutputShapes(new Shape[]{in})[0] : in;
            child.initialize(manager, dataType, s);
        }
    }

    /** Projections, attention products (QKᵀ and the weighted sum of V) and adapters, for (N, T, D) inputs. */
    long macs(Shape input) {
        long n = input.get(0);
        long t = input.get(1);
        long total = query.macs(input) + key.macs(input) + value.macs(input) + out.macs(input) + fc1.macs(input)
                + fc2.macs(fc1.getOutputShapes(new Shape[]{input})[0]) + 2 * n * t * t * dim;
        if (adapter1 != null) {
            total += adapter1.macs(input) + adapter2.macs(input);
        }
        return total;
    }
}
