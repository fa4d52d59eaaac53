package ablate.plugins.finetuning;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;

/**
 * Slot {@code adaptation} of the fine-tuning task: how a pretrained backbone is adapted to the target task —
 * what it adds ({@link #insertions}) and which of the backbone's parameters then train ({@link #trains}); every
 * other backbone parameter is frozen (no gradient computed or stored). The classifier head always trains.
 */
public interface AdaptationPlugin extends Plugin {
    default Insertions insertions(Params params) {
        return Insertions.NONE;
    }

    /**
     * @param name a parameter of the feature extractor, by its path (e.g. {@code 03layer0_02query_loraA})
     */
    boolean trains(String name, Params params);

    /** False for a method that trains the head alone (linear probe); the others must apply to some parameter. */
    default boolean trainsBackbone() {
        return true;
    }
}
