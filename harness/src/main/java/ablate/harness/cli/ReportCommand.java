package ablate.harness.cli;

import ablate.harness.UserError;
import ablate.reports.ReportWriter;
import ablate.results.ResultsStore;
import ablate.results.SuiteInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/** {@code ablate report DIR...}: (re)writes the reports of one results directory, or merges a suite's shards. */
@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Writes the reports of a results directory, or merges a suite's shards into one",
        description = {"Writes index.html, summary.json and allure-results/ from results directories, without running "
                + "anything. Give several directories (e.g. the shards of a CI matrix) to merge them into one report.", ""},
        footer = {"", "Examples:", "  ablate report results/quick",
                "  ablate report shard-1/ shard-2/ shard-3/ --out results/attention",
                "", "Exit codes: 0 written, 2 bad input (not a results directory, results of different",
                "suites), 3 internal error."})
public final class ReportCommand implements Callable<Integer>, Subcommand {

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Results directories (each with suite.json and trials/).")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the merged report (default: the only DIR).")
    Path out;

    @Override
    public Integer call() {
        for (Path d : dirs) {
            if (!Files.isRegularFile(d.resolve("suite.json"))) {
                throw new UserError(d + ": not a results directory (no suite.json); run 'ablate run SUITE --out " + d + "' first");
            }
        }
        if (dirs.size() > 1 && out == null) {
            throw new UserError("merging " + dirs.size() + " directories needs --out DIR");
        }
        checkOneSuite();
        Path index = dirs.size() == 1 && out == null ? ReportWriter.write(dirs.get(0)) : ReportWriter.write(dirs, out);
        System.out.println("Report: " + index.toAbsolutePath());
        return 0;
    }

    /** Only the shards of one suite (same name and variants) make one report; anything else is bad input. */
    private void checkOneSuite() {
        SuiteInfo first = new ResultsStore(dirs.get(0)).readSuite();
        for (Path d : dirs.subList(1, dirs.size())) {
            SuiteInfo other = new ResultsStore(d).readSuite();
            if (!Objects.equals(other.name(), first.name())) {
                throw new UserError("cannot merge results of different suites: " + dirs.get(0) + " holds suite '"
                        + first.name() + "', " + d + " holds '" + other.name() + "'");
            }
            if (!Objects.equals(other.variants(), first.variants())) {
                throw new UserError("cannot merge results of different versions of suite '" + first.name() + "': the "
                        + "variants in " + d + " differ from those in " + dirs.get(0) + " (rerun the older shards)");
            }
        }
    }
}
