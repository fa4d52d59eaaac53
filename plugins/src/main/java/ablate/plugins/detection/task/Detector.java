package ablate.plugins.detection.task;

import ablate.harness.spi.Params;
import ablate.plugins.detection.Detections;
import ablate.plugins.detection.losses.BoxLossPlugin;
import ablate.plugins.detection.losses.ClassificationLossPlugin;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

import java.util.List;

/**
 * A detector as the detection task drives it: a network over square RGB inputs of {@link #inputSize()} pixels, its
 * training loss, and the decoding of its outputs into scored, class-labelled boxes before post-processing.
 */
public interface Detector {
    /** The network: (N, 3, S, S) normalised images in, the detector's raw outputs out. */
    Block block();

    /** The side S of the square input, in pixels. */
    int inputSize();

    /**
     * The scalar training loss of a batch.
     *
     * @param outputs the network's outputs for the batch (training mode)
     * @param truth   per image, its boxes in input pixels
     * @param losses  the classification and box losses of the trial
     * @param manager where the target arrays go (the step's manager, on the trial's device)
     */
    NDArray loss(NDList outputs, List<List<TruthBox>> truth, Losses losses, NDManager manager);

    /**
     * Adds the candidate detections of a batch (score above the detector's floor, at most its per-image limit) to
     * {@code out}, boxes mapped back to each image's own pixels; a detection's image is its frame's {@code index}
     * and its category the class index.
     */
    void decode(NDList outputs, List<Frame> images, Detections.Builder out);

    /** The trial's loss plugins with their parameters. */
    record Losses(ClassificationLossPlugin classification, Params classificationParams, BoxLossPlugin box,
                  Params boxParams) {
    }

    /**
     * An image of a batch: its position in its set, its own size, and how input pixels map to its own (multiply by
     * scaleX, scaleY).
     */
    record Frame(int index, int width, int height, double scaleX, double scaleY) {
    }
}
