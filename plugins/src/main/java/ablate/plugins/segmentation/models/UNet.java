package ablate.plugins.segmentation.models;

import ablate.plugins.common.MacCounted;
import ablate.plugins.common.ModelCost;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A small U-Net (Ronneberger et al. 2015), padded so that the output has the input's size: {@code depth} encoder
 * blocks of width·2^i channels, each followed by 2×2 max pooling, a bottleneck block of width·2^depth, then
 * {@code depth} decoder blocks that upsample ×2 (nearest neighbour; the original's 2×2 up-convolution is replaced by
 * upsampling then the block's 3×3 convolutions, as many small U-Nets do), concatenate the encoder's map of the same
 * size (the skip connection) and apply a block of width·2^i channels; a 1×1 convolution gives the class logits.
 * A block is conv3×3–BN–ReLU twice, then the attention block for its width. Without skips it is an FCN-style
 * encoder–decoder of the same layers minus the concatenated channels. H and W must be divisible by 2^depth.
 */
public final class UNet extends AbstractBlock implements MacCounted {
    private final int depth;
    private final int width;
    private final boolean skips;
    private final List<Block> encoders = new ArrayList<>();
    private final Block bottleneck;
    private final List<Block> decoders = new ArrayList<>();
    private final Block head;

    public UNet(int depth, int width, int classes, boolean skips, IntFunction<Block> attention) {
        if (depth < 1 || width < 1 || classes < 1) {
            throw new IllegalArgumentException("U-Net needs depth, width and classes >= 1, got " + depth + ", "
                    + width + ", " + classes);
        }
        this.depth = depth;
        this.width = width;
        this.skips = skips;
        for (int i = 0; i < depth; i++) {
            encoders.add(addChildBlock("enc" + i, block(width << i, attention)));
        }
        bottleneck = addChildBlock("bottleneck", block(width << depth, attention));
        for (int i = depth - 1; i >= 0; i--) {
            decoders.add(addChildBlock("dec" + i, block(width << i, attention)));
        }
        head = addChildBlock("head", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(classes).build());
    }

    private static Block block(int channels, IntFunction<Block> attention) {
        return new SequentialBlock()
                .add(conv3(channels)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv3(channels)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(attention.apply(channels));
    }

    private static Block conv3(int channels) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(channels)
                .optBias(false).build();
    }

    /** Nearest-neighbour ×2 upsampling by broadcasting, (N, C, H, W) → (N, C, 2H, 2W), differentiable. */
    public static NDArray upsample(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), s.get(2), 1, s.get(3), 1)
                .broadcast(new Shape(s.get(0), s.get(1), s.get(2), 2, s.get(3), 2))
                .reshape(s.get(0), s.get(1), s.get(2) * 2, s.get(3) * 2);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        List<NDArray> skip = new ArrayList<>();
        for (Block enc : encoders) {
            x = enc.forward(store, new NDList(x), training).singletonOrThrow();
            skip.add(x);
            x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
        }
        x = bottleneck.forward(store, new NDList(x), training).singletonOrThrow();
        for (int k = 0; k < depth; k++) {
            x = upsample(x);
            if (skips) {
                x = NDArrays.concat(new NDList(x, skip.get(depth - 1 - k)), 1);
            }
            x = decoders.get(k).forward(store, new NDList(x), training).singletonOrThrow();
        }
        return head.forward(store, new NDList(x), training);
    }

    /** The input shape of every child in forward order: encoders, bottleneck, decoders, head. */
    private List<Shape> childInputs(Shape in) {
        if (in.dimension() != 4 || in.get(2) % (1L << depth) != 0 || in.get(3) % (1L << depth) != 0) {
            throw new IllegalArgumentException("a U-Net of depth " + depth + " needs (N, C, H, W) with H and W "
                    + "divisible by " + (1 << depth) + ", got " + in);
        }
        List<Shape> shapes = new ArrayList<>();
        long n = in.get(0);
        long h = in.get(2);
        long w = in.get(3);
        shapes.add(in);
        for (int i = 1; i <= depth; i++) {                      // encoders 1.., then the bottleneck
            shapes.add(new Shape(n, (long) width << (i - 1), h >> i, w >> i));
        }
        for (int level = depth - 1; level >= 0; level--) {      // decoders: upsampled input (+ skip)
            long up = (long) width << (level + 1);
            shapes.add(new Shape(n, up + (skips ? (long) width << level : 0), h >> level, w >> level));
        }
        shapes.add(new Shape(n, width, h, w));                  // head
        return shapes;
    }

    private List<Block> childrenInOrder() {
        List<Block> all = new ArrayList<>(encoders);
        all.add(bottleneck);
        all.addAll(decoders);
        all.add(head);
        return all;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        List<Shape> shapes = childInputs(inputShapes[0]);
        List<Block> all = childrenInOrder();
        for (int i = 0; i < all.size(); i++) {
            all.get(i).initialize(manager, dataType, shapes.get(i));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        List<Shape> shapes = childInputs(inputShapes[0]);
        return head.getOutputShapes(new Shape[]{shapes.get(shapes.size() - 1)});
    }

    @Override
    public long macs(Shape... inputShapes) {
        List<Shape> shapes = childInputs(inputShapes[0]);
        List<Block> all = childrenInOrder();
        long total = 0;
        for (int i = 0; i < all.size(); i++) {
            total += ModelCost.macs(all.get(i), shapes.get(i));
        }
        return total;
    }
}
