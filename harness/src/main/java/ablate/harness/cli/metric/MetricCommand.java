package ablate.harness.cli.metric;

import ablate.harness.cli.Subcommand;
import ablate.harness.cli.CommandList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ablate metric}: standard metrics on files users already have, as JSON on stdout. */
@Command(name = "metric", mixinStandardHelpOptions = true,
        header = "Metrics of your files as JSON: COCO/VOC AP, mIoU, Dice, PSNR, SSIM, AIC/BIC",
        description = {"Computes a standard metric on files you already have and prints it as JSON on stdout.",
                "Each number is the one the reference implementation gives (pycocotools, the VOC devkit's",
                "voc_eval.py, scikit-image, statsmodels); see each command's --help.", ""},
        subcommands = {CocoCommand.class, VocCommand.class, SegCommand.class, PsnrCommand.class, SsimCommand.class,
                AicBicCommand.class},
        footer = {"", "Exit codes: 0 success ('ablate metric' alone lists the metrics),",
                "2 bad input (one line on stderr), 3 internal error.",
                "Example: ablate metric coco --gt instances_val2017.json --dt detections.json"})
public final class MetricCommand implements Callable<Integer>, Subcommand {
    @Spec
    CommandSpec spec;

    /** {@code ablate metric} alone lists the metrics, as {@code ablate} alone lists the commands. */
    @Override
    public Integer call() {
        return CommandList.print(spec.commandLine(), System.out);
    }
}
