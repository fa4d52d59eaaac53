package ablate.plugins.detection.cli;

import ablate.harness.UserError;
import ablate.harness.cli.Subcommand;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.plugins.detection.Detections;
import ablate.plugins.detection.PostprocessPlugin;
import ablate.plugins.detection.postprocess.ClasswisePostprocessor;
import ablate.plugins.detection.postprocess.DiouNms;
import ablate.plugins.detection.postprocess.GreedyNms;
import ablate.plugins.detection.postprocess.MatrixNms;
import ablate.plugins.detection.postprocess.SoftNmsGaussian;
import ablate.plugins.detection.postprocess.SoftNmsLinear;
import ablate.plugins.detection.postprocess.WeightedNms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code ablate nms}: class-wise post-processing of a COCO results file. */
@Command(name = "nms", mixinStandardHelpOptions = true, sortOptions = false,
        header = "NMS of COCO results: greedy, Soft-NMS, DIoU, weighted or Matrix NMS",
        description = {"Non-maximum suppression of a COCO results list, class-wise: each (image_id, category_id) "
                + "group on its own. Prints the kept detections with their new scores (and, for weighted, new "
                + "boxes) as a COCO results list on stdout: per group in the order the method keeps them, groups "
                + "in order of first appearance. Box corners are (x, y, x + w, y + h).",
                "",
                "Methods (T = --iou-threshold, S = --sigma, E = --score-threshold; defaults):",
                "  greedy         keep the best box, suppress boxes with IoU > T to it,",
                "                 repeat; ties go to the earlier input box, so it keeps",
                "                 exactly what torchvision.ops.nms keeps [T=" + GreedyNms.DEFAULT_IOU + ", E=0]",
                "  soft-linear    Soft-NMS (Bodla et al. 2017): keep the best box, multiply",
                "                 the score of each box overlapping it by 1 - IoU if",
                "                 IoU > T (Nt), drop it if now below E, repeat",
                "                 [T=" + SoftNmsLinear.DEFAULT_NT + ", E=" + SoftNmsLinear.DEFAULT_SCORE_THRESHOLD + "]",
                "  soft-gaussian  Soft-NMS with the weight exp(-IoU^2 / S)",
                "                 [S=" + SoftNmsGaussian.DEFAULT_SIGMA + ", E=" + SoftNmsGaussian.DEFAULT_SCORE_THRESHOLD
                        + "]",
                "  diou           greedy NMS on DIoU = IoU - (d^2 / c^2)^beta, d the",
                "                 distance of the centres, c the diagonal of the enclosing",
                "                 box (Zheng et al. 2020) [T=" + DiouNms.DEFAULT_IOU + ", beta="
                        + DiouNms.DEFAULT_BETA + ", E=0]",
                "  weighted       greedy NMS; the kept box becomes the score-weighted mean",
                "                 of itself and the boxes it suppresses (Zhou et al. 2017)",
                "                 [T=" + WeightedNms.DEFAULT_IOU + ", E=0]",
                "  matrix         Matrix NMS (SOLOv2, Wang et al. 2020): decay all scores",
                "                 at once by their overlaps with better boxes, with the",
                "                 kernel exp(-S * IoU^2) (or 1 - IoU with --kernel linear),",
                "                 then drop scores below E [S=" + MatrixNms.DEFAULT_SIGMA + ", E="
                        + MatrixNms.DEFAULT_SCORE_THRESHOLD + "]",
                "For greedy, diou and weighted, E drops low-scoring boxes before suppression.",
                ""},
        footer = {"", "Every method accepts every option (as mmcv's and the original Soft-NMS code's interfaces do);",
                "a note on stderr names those the chosen method does not use.",
                "Exit codes: 0 success; 2 bad input (malformed or empty file, negative width or height, NaN or",
                "infinite score, image_id not in --images: one line on stderr); 3 internal error.",
                "Example:",
                "  ablate nms --method soft-gaussian --input dets.json --images instances_val.json"})
public final class NmsCommand implements Callable<Integer>, Subcommand {
    private static final Map<String, PostprocessPlugin> METHODS = new LinkedHashMap<>();

    static {
        METHODS.put("greedy", new GreedyNms());
        METHODS.put("soft-linear", new SoftNmsLinear());
        METHODS.put("soft-gaussian", new SoftNmsGaussian());
        METHODS.put("diou", new DiouNms());
        METHODS.put("weighted", new WeightedNms());
        METHODS.put("matrix", new MatrixNms());
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--method", required = true, paramLabel = "METHOD",
            description = "greedy, soft-linear, soft-gaussian, diou, weighted or matrix")
    private String method;

    @Option(names = "--iou-threshold", paramLabel = "T",
            description = "IoU threshold in [0, 1] (greedy, weighted), DIoU threshold (diou) or Nt (soft-linear)")
    private Double iouThreshold;

    @Option(names = "--sigma", paramLabel = "S", description = "kernel width (soft-gaussian, matrix)")
    private Double sigma;

    @Option(names = "--score-threshold", paramLabel = "E", description = "score threshold in [0, 1]")
    private Double scoreThreshold;

    @Option(names = "--kernel", paramLabel = "K", description = "gaussian or linear (matrix)")
    private String kernel;

    @Option(names = "--beta", paramLabel = "B", description = "exponent of the centre-distance penalty (diou)")
    private Double beta;

    @Option(names = "--box-offset", paramLabel = "0|1",
            description = "1: widths, heights and overlaps get +1, the legacy pixel convention of the original "
                    + "Soft-NMS and py-faster-rcnn code (default 0: continuous coordinates)")
    private Integer boxOffset;

    @Option(names = "--input", required = true, paramLabel = "DETS.json", description = "COCO results list")
    private Path input;

    @Option(names = "--images", paramLabel = "GT.json",
            description = "COCO annotation file: every image_id of the input must be one of its images")
    private Path images;

    @Override
    public Integer call() {
        PostprocessPlugin plugin = METHODS.get(method);
        if (plugin == null) {
            throw new UserError("unknown --method '" + method + "'; expected one of " + String.join(", ", METHODS.keySet()));
        }
        Map<String, Object> overrides = new LinkedHashMap<>();
        List<String> unused = new ArrayList<>();
        override(plugin, overrides, unused, "--iou-threshold", ClasswisePostprocessor.IOU_THRESHOLD, iouThreshold);
        override(plugin, overrides, unused, "--sigma", ClasswisePostprocessor.SIGMA, sigma);
        override(plugin, overrides, unused, "--score-threshold", ClasswisePostprocessor.SCORE_THRESHOLD, scoreThreshold);
        override(plugin, overrides, unused, "--kernel", ClasswisePostprocessor.KERNEL, kernel);
        override(plugin, overrides, unused, "--beta", ClasswisePostprocessor.BETA, beta);
        override(plugin, overrides, unused, "--box-offset", ClasswisePostprocessor.BOX_OFFSET, boxOffset);
        Params params = Params.resolve(plugin.info(), overrides);
        if (!unused.isEmpty()) {
            // Like mmcv's and the original Soft-NMS code's single interface: every method takes every option, so
            // scripts can switch methods; a note (not an error) says which ones this method leaves unused.
            spec.commandLine().getErr().println("ablate nms: note: --method " + method + " does not use "
                    + String.join(", ", unused));
            spec.commandLine().getErr().flush();
        }

        Set<Integer> imageIds = images == null ? null : CocoResults.imageIds(images);
        CocoResults results = CocoResults.read(input, imageIds, images);
        Detections kept = plugin.apply(results.detections(), params);
        results.write(kept, spec.commandLine().getOut());
        return 0;
    }

    private void override(PostprocessPlugin plugin, Map<String, Object> overrides, List<String> unused, String option,
                          String param, Object value) {
        if (value == null) {
            return;
        }
        Param p = plugin.info().param(param);
        if (p == null) {
            unused.add(option);
            return;
        }
        try {
            overrides.put(param, p.coerce(value));
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage(), e);
        }
    }
}
