package ablate.plugins.bench;

import ablate.harness.UserError;
import ablate.plugins.models.ResNetMiniPlugin;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The networks {@code ablate bench} times, each matched layer for layer by {@code bench/pytorch_resnet20.py}:
 * ResNet-mini ({@link ResNetMiniPlugin}) with no attention, 10 classes.
 */
public enum BenchModel {
    /** ResNet-20 (3 stages of 3 basic blocks, 16/32/64 channels) on 1×28×28 images: compute-bound. */
    RESNET20("resnet20", 20, 16, 28),
    /** The same graph with 4/8/16 channels on 1×8×8 images: the work per op is tiny, so op dispatch dominates. */
    TINY("tiny", 20, 4, 8);

    static final int CLASSES = 10;

    private final String id;
    private final int depth;
    private final int width;
    private final int size;

    BenchModel(String id, int depth, int width, int size) {
        this.id = id;
        this.depth = depth;
        this.width = width;
        this.size = size;
    }

    public String id() {
        return id;
    }

    /** One input image, (C, H, W). */
    public Shape image() {
        return new Shape(1, size, size);
    }

    public Block build() {
        return ResNetMiniPlugin.build(depth, width, CLASSES, channels -> Blocks.identityBlock());
    }

    public static BenchModel of(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst()
                .orElseThrow(() -> new UserError("--model must be one of " + ids() + ", got '" + id + "'"));
    }

    public static String ids() {
        return Arrays.stream(values()).map(BenchModel::id).collect(Collectors.joining(", "));
    }
}
