package ablate.plugins.finetuning;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import java.util.Map;

/** Slot {@code backbone} of the fine-tuning task: a feature extractor (N, C, H, W) → (N, features). */
public interface FineTuneBackbonePlugin extends Plugin {
    /** The feature extractor with the adaptation's insertions (none for pretraining). */
    Block features(Shape image, Insertions add, Params params);

    /** The linear modules a LoRA {@code targets} list may name, each with its (in, out) widths. */
    Map<String, int[]> linearModules(Params params);

    /** Whether bottleneck adapters can be inserted. */
    boolean takesAdapters();

    /** Whether prompt tokens can be prepended to the input. */
    boolean takesPrompts();
}
