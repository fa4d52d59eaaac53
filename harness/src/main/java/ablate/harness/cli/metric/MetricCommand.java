package ablate.harness.cli.metric;

import ablate.harness.cli.Subcommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ablate metric}: standard metrics on files users already have, as JSON on stdout. */
@Command(name = "metric", mixinStandardHelpOptions = true,
        description = {"Computes a standard metric on files you already have and prints it as JSON on stdout.",
                "Each number is the one the reference implementation gives (pycocotools, the VOC devkit's",
                "voc_eval.py, scikit-image, statsmodels); see each command's --help.", ""},
        subcommands = {CocoCommand.class, VocCommand.class, SegCommand.class, PsnrCommand.class, SsimCommand.class,
                AicBicCommand.class},
        footer = {"", "Exit codes: 0 success, 2 bad input (one line on stderr).",
                "Example: ablate metric coco --gt instances_val2017.json --dt detections.json"})
public final class MetricCommand implements Callable<Integer>, Subcommand {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        cli.getErr().println("ablate: 'metric' needs a subcommand: coco, voc, seg, psnr, ssim or aic-bic (see 'ablate metric --help')");
        cli.getErr().flush();
        return 2;
    }
}
