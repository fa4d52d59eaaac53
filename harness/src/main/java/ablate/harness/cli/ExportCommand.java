package ablate.harness.cli;

import ablate.harness.UserError;
import ablate.reports.compare.BadInput;
import ablate.reports.compare.RunSnapshot;
import ablate.reports.export.Exports;
import ablate.results.AtomicFiles;
import ablate.results.ResultsStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ablate export RESULTS --format F}: a run's numbers for Bencher or github-action-benchmark. */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Writes a run's numbers for Bencher or github-action-benchmark",
        description = {"Reads summary.json and writes Bencher's metric format (bencher) or github-action-benchmark's "
                + "customBiggerIsBetter / customSmallerIsBetter JSON (one file per direction), the mean of each "
                + "variant's metric with its 95%% CI.", ""},
        footer = {"", "Examples:", "  ablate export results/quick --format bencher > bmf.json",
                "  ablate export results/quick --format customBiggerIsBetter --out bigger.json",
                "", "Exit codes: 0 written, 2 bad input (no or a corrupt summary.json, unknown format), 3 internal error."})
public final class ExportCommand implements Callable<Integer>, Subcommand {
    @Parameters(paramLabel = "RESULTS", description = "A results directory or its summary.json.")
    Path results;

    @Option(names = "--format", required = true, paramLabel = "F",
            description = "bencher, customBiggerIsBetter or customSmallerIsBetter.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here (default: standard output).")
    Path out;

    @Override
    public Integer call() throws Exception {
        try {
            Path summary = Files.isDirectory(results) ? results.resolve("summary.json") : results;
            if (!Files.isRegularFile(summary)) {
                throw new BadInput(results + ": no summary.json (run 'ablate report " + results + "' first)");
            }
            String json = ResultsStore.JSON.writeValueAsString(Exports.export(RunSnapshot.readJson(summary), format)) + "\n";
            if (out == null) {
                System.out.print(json);
                System.out.flush();
            } else {
                AtomicFiles.write(out, json.getBytes(StandardCharsets.UTF_8));
            }
            return 0;
        } catch (BadInput e) {
            throw new UserError(e.getMessage());
        }
    }
}
