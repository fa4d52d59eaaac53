package ablate.plugins.detection.losses;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ai.djl.ndarray.NDArray;

/**
 * Slot {@code cls-loss} of the detection task: the loss of a dense detector's per-class logits, each class an
 * independent binary (sigmoid) decision, as in RetinaNet and FCOS.
 */
public interface ClassificationLossPlugin extends Plugin {
    String SLOT = "cls-loss";

    /**
     * @param logits  raw class scores, any shape
     * @param targets 1 where the class is present, 0 where not; the shape of {@code logits}
     * @param params  this plugin's resolved parameters
     * @return the element-wise loss, the shape of {@code logits} (the caller sums and normalises it); built from
     * NDArray operations, so gradients flow back to {@code logits}
     */
    NDArray loss(NDArray logits, NDArray targets, Params params);
}
