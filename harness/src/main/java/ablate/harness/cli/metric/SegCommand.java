package ablate.harness.cli.metric;

import ablate.harness.UserError;
import ablate.metrics.segmentation.SegmentationConfusion;
import ablate.metrics.segmentation.SegmentationMetrics;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code ablate metric seg}. */
@Command(name = "seg", mixinStandardHelpOptions = true,
        description = {"Semantic-segmentation scores from ONE confusion matrix accumulated over all pixels of all images",
                "(not a mean of per-image scores). --gt and --pred are two 8-bit single-channel PNG label maps",
                "(grayscale or palette, e.g. PASCAL VOC masks), or two directories of same-named PNGs.",
                "Pixels whose ground truth is the ignore index are skipped; a prediction equal to it counts as a miss.",
                "Prints pixelAccuracy, meanPixelAccuracy (mean per-class recall), mIoU, fwIoU (frequency-weighted),",
                "meanDice and perClass {iou, dice, accuracy} (arrays indexed by class). A 0/0 value (a class absent",
                "from both maps; the accuracy of a class without ground-truth pixels) is null and left out of the means.",
                "A label >= --num-classes that is not the ignore index is an error.", ""})
final class SegCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--gt", required = true, paramLabel = "GT", description = "Ground-truth label map PNG, or a directory of them.")
    Path gt;

    @Option(names = "--pred", required = true, paramLabel = "PRED", description = "Predicted label map PNG, or a directory with the same file names.")
    Path pred;

    @Option(names = "--num-classes", required = true, paramLabel = "C", description = "Number of classes (labels 0..C-1).")
    int classes;

    @Option(names = "--ignore-index", defaultValue = "255", paramLabel = "I", description = "Ground-truth label to skip (default: ${DEFAULT-VALUE}).")
    int ignoreIndex;

    @Override
    public Integer call() {
        if (classes < 1 || classes > 256) {
            throw new UserError("--num-classes must be between 1 and 256 for 8-bit label maps, got " + classes);
        }
        SegmentationConfusion confusion = new SegmentationConfusion(classes, ignoreIndex);
        if (Files.isDirectory(gt)) {
            if (!Files.isDirectory(pred)) {
                throw new UserError(pred + ": --gt is a directory, so --pred must be one too");
            }
            List<Path> files = pngs(gt);
            if (files.isEmpty()) {
                throw new UserError(gt + ": no .png files");
            }
            for (Path truth : files) {
                Path prediction = pred.resolve(truth.getFileName().toString());
                if (!Files.isRegularFile(prediction)) {
                    throw new UserError(prediction + ": missing (every ground-truth map needs a prediction of the same name)");
                }
                add(confusion, truth, prediction);
            }
        } else {
            add(confusion, gt, pred);
        }
        SegmentationMetrics m = confusion.metrics();
        ObjectNode out = Json.object();
        Json.put(out, "pixelAccuracy", m.pixelAccuracy());
        Json.put(out, "meanPixelAccuracy", m.meanPixelAccuracy());
        Json.put(out, "mIoU", m.mIoU());
        Json.put(out, "fwIoU", m.fwIoU());
        Json.put(out, "meanDice", m.meanDice());
        ObjectNode perClass = out.putObject("perClass");
        perClass.set("iou", Json.numbers(m.iou()));
        perClass.set("dice", Json.numbers(m.dice()));
        perClass.set("accuracy", Json.numbers(m.accuracy()));
        return Json.print(spec.commandLine().getOut(), out);
    }

    private static void add(SegmentationConfusion confusion, Path truth, Path prediction) {
        BufferedImage t = Png.read(truth);
        BufferedImage p = Png.read(prediction);
        if (t.getWidth() != p.getWidth() || t.getHeight() != p.getHeight()) {
            throw new UserError(prediction + ": " + p.getWidth() + "×" + p.getHeight() + " differs from the ground truth's "
                    + t.getWidth() + "×" + t.getHeight());
        }
        int[] truthLabels = Png.labels(truth, t);
        int[] predictedLabels = Png.labels(prediction, p);
        try {
            confusion.add(truthLabels, predictedLabels, truth + " / " + prediction);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static List<Path> pngs(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase().endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw new UserError(dir + ": cannot list: " + e.getMessage());
        }
    }
}
