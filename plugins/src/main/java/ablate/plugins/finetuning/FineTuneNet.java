package ablate.plugins.finetuning;

import ablate.plugins.common.MacCounted;
import ablate.plugins.common.ModelCost;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A backbone's feature extractor ({@code features}) and a linear classifier ({@code head}). Pretraining and
 * fine-tuning build one each: the fine-tuned net gets the pretrained {@code features} parameters by name and a
 * fresh head for the target classes (the head always trains, as in every PEFT method).
 */
final class FineTuneNet extends AbstractBlock implements MacCounted {
    static final String FEATURES = "features";
    private final Block features;
    private final Block head;

    FineTuneNet(Block features, int classes) {
        this.features = addChildBlock(FEATURES, features);
        this.head = addChildBlock("head", Linear.builder().setUnits(classes).build());
    }

    Block features() {
        return features;
    }

    Block head() {
        return head;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return head.forward(ps, features.forward(ps, inputs, training), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return head.getOutputShapes(features.getOutputShapes(inputs));
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        features.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, features.getOutputShapes(inputShapes));
    }

    @Override
    public long macs(Shape... inputShapes) {
        return ModelCost.macs(features, inputShapes) + ModelCost.macs(head, features.getOutputShapes(inputShapes));
    }
}
