package ablate.plugins.detection.task;

import ablate.plugins.common.MacCounted;
import ablate.plugins.common.ModelCost;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A small single-level FCOS network: a stride-{@value #STRIDE} backbone whose last convolutions are dilated (dilation 2
 * and 4: a receptive field of 79 pixels at the outputs, resolution kept), one shared 3×3 tower, and three 3×3
 * outputs per location: class logits (K), box distances (4, log of left/top/right/bottom in strides) and a
 * centre-ness logit (1). Output heads start as in FCOS: weights N(0, 0.01), class biases at the prior
 * {@code -log((1 − π)/π)} with π = 0.01 so that every location starts as background.
 */
final class FcosNet extends AbstractBlock implements MacCounted {
    static final int STRIDE = 4;
    static final double PRIOR = 0.01;

    private final SequentialBlock backbone;
    private final SequentialBlock tower;
    private final Block classes;
    private final Block boxes;
    private final Block centreness;

    FcosNet(int width, int classCount) {
        int half = Math.max(8, width / 2);
        backbone = addChildBlock("backbone", new SequentialBlock()
                .add(conv(3, half, 2, 1)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv(3, width, 2, 1)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv(3, width, 1, 1)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv(3, width, 1, 2)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv(3, width, 1, 4)).add(BatchNorm.builder().build()).add(Activation.reluBlock()));
        tower = addChildBlock("tower", new SequentialBlock()
                .add(conv(3, width, 1, 1)).add(BatchNorm.builder().build()).add(Activation.reluBlock()));
        classes = addChildBlock("classes", head(classCount));
        boxes = addChildBlock("boxes", head(4));
        centreness = addChildBlock("centreness", head(1));
        classes.setInitializer(new ConstantInitializer((float) -Math.log((1 - PRIOR) / PRIOR)), Parameter.Type.BIAS);
    }

    private static Block conv(int kernel, int filters, int stride, int dilation) {
        int pad = dilation * (kernel - 1) / 2;
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(filters)
                .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad))
                .optDilation(new Shape(dilation, dilation)).build();
    }

    private static Block head(int outputs) {
        Block head = conv(3, outputs, 1, 1);
        head.setInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT);
        return head;
    }

    /** (class logits (N, K, H, W), box logits (N, 4, H, W), centre-ness logits (N, 1, H, W)). */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList features = tower.forward(store, backbone.forward(store, inputs, training), training);
        return new NDList(classes.forward(store, features, training).singletonOrThrow(),
                boxes.forward(store, features, training).singletonOrThrow(),
                centreness.forward(store, features, training).singletonOrThrow());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape[] features = backbone.getOutputShapes(inputShapes);
        tower.initialize(manager, dataType, features);
        for (Block head : new Block[]{classes, boxes, centreness}) {
            head.initialize(manager, dataType, features);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] features = backbone.getOutputShapes(inputShapes);
        return new Shape[]{classes.getOutputShapes(features)[0], boxes.getOutputShapes(features)[0],
                centreness.getOutputShapes(features)[0]};
    }

    @Override
    public long macs(Shape... inputShapes) {
        Shape[] features = backbone.getOutputShapes(inputShapes);
        return ModelCost.macs(backbone, inputShapes) + ModelCost.macs(tower, features)
                + ModelCost.macs(classes, features) + ModelCost.macs(boxes, features)
                + ModelCost.macs(centreness, features);
    }
}
