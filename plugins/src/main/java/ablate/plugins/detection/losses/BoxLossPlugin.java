package ablate.plugins.detection.losses;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ai.djl.ndarray.NDArray;

/** Slot {@code box-loss} of the detection task: the regression loss of predicted boxes against their targets. */
public interface BoxLossPlugin extends Plugin {
    String SLOT = "box-loss";

    /**
     * @param predicted (P, 4) boxes {@code [x1, y1, x2, y2]} with {@code x2 > x1, y2 > y1}, continuous coordinates
     * @param target    (P, 4) the matching ground-truth boxes, same units
     * @param params    this plugin's resolved parameters
     * @return (P) the loss of each box (the caller averages it); built from NDArray operations, so gradients flow
     * back to {@code predicted}
     */
    NDArray loss(NDArray predicted, NDArray target, Params params);
}
