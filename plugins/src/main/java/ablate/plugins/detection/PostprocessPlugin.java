package ablate.plugins.detection;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;

/**
 * Slot {@code postprocess} of the detection task: turns a detector's raw boxes into the final detections
 * (non-maximum suppression and its variants). Implementations work class-wise, per (image, category), are
 * stateless and thread-safe, and never modify their input.
 */
public interface PostprocessPlugin extends Plugin {
    String SLOT = "postprocess";

    /**
     * @param detections raw detections of any number of images and categories
     * @param params     this plugin's resolved parameters ({@link Params#resolve})
     * @return the kept detections with their (possibly new) scores and boxes; per (image, category) group in
     * the order the method selects them (non-increasing final score), groups in order of first appearance
     * in the input; {@link Detections#source} gives each one's input index
     */
    Detections apply(Detections detections, Params params);

    /** {@link #apply(Detections, Params)} with this plugin's default parameters. */
    default Detections apply(Detections detections) {
        return apply(detections, Params.defaults(info()));
    }
}
