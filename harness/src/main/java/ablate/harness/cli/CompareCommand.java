package ablate.harness.cli;

import ablate.harness.UserError;
import ablate.reports.compare.BadInput;
import ablate.reports.compare.Gate;
import ablate.reports.compare.GateFormat;
import ablate.reports.compare.GateResult;
import ablate.reports.compare.RunSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ablate compare BASE NEW}: the regression gate between two runs of one suite. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        header = "Compares two runs of a suite: did a variant get worse beyond noise? (CI gate)",
        description = {"For every variant and metric both runs hold: the difference NEW - BASE paired over the seeds "
                + "both passed (Welch's unpaired t where they share fewer than two, or only summary.json is given), "
                + "its 95%% CI, a t-test with Holm correction over all comparisons, and a verdict (improved, regressed, "
                + "unchanged, inconclusive) against each metric's tolerance, in its worse direction. Also lists trials "
                + "that passed in BASE and fail in NEW, and claims whose verdict changed.", ""},
        footer = {"", "Examples:", "  ablate compare base/results/quick results/quick --max-drop accuracy=0.01",
                "  ablate compare base.json results/quick --markdown >> $GITHUB_STEP_SUMMARY",
                "", "Tolerances: the suite's gate: {accuracy: {max-drop: 0.01}}, from --suite or else",
                "the suite file the new run recorded (when it exists), overridden by --max-drop;",
                "0 for a metric given none.",
                "", "Exit codes: 0 nothing regressed, 1 a metric regressed or a trial newly fails,",
                "2 bad input (not a run, different suites, no common variant, a tolerance on an",
                "unknown metric), 3 internal error."})
public final class CompareCommand implements Callable<Integer>, Subcommand {

    @Parameters(index = "0", paramLabel = "BASE", description = "The base run: a results directory or its summary.json.")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW", description = "The new run: a results directory or its summary.json.")
    Path head;

    @Option(names = "--max-drop", paramLabel = "METRIC=X", description = "Largest accepted drop of METRIC (its unit, "
            + "its worse direction); repeatable; overrides the suite's gate.")
    Map<String, Double> maxDrop;

    @Option(names = "--suite", paramLabel = "FILE", description = "Suite file whose gate: block gives the tolerances.")
    Path suite;

    @Option(names = "--markdown", description = "GitHub-flavoured Markdown (a job summary or pull-request comment).")
    boolean markdown;

    @Option(names = "--json", description = "JSON for scripts.")
    boolean json;

    @Override
    public Integer call() {
        if (markdown && json) {
            throw new UserError("--markdown and --json exclude each other");
        }
        try {
            Path suiteFile = suite != null ? suite : GateTolerances.recordedSuite(head);
            Map<String, Double> tolerances = GateTolerances.of(suiteFile, maxDrop);
            GateResult r = Gate.compare(RunSnapshot.read(base), RunSnapshot.read(head), tolerances);
            System.out.print(json ? GateFormat.json(r) : markdown ? GateFormat.markdown(r) : GateFormat.text(r));
            System.out.flush();
            return r.exitCode();
        } catch (BadInput e) {
            throw new UserError(e.getMessage());
        }
    }
}
