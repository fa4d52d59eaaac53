package ablate.harness.cli;

import ablate.harness.UserError;
import ablate.reports.compare.BadInput;
import ablate.reports.history.HistorySite;
import ablate.reports.history.HistoryStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/** {@code ablate history add|report}: keep every run's numbers across commits and publish their trends. */
@Command(name = "history", mixinStandardHelpOptions = true,
        header = "Keeps runs across commits and writes a static site of their trends",
        description = {"'add' records a run (its summary.json, and its index.html) in an append-only store keyed by "
                + "suite, machine, date and commit, a folder that can live on a git branch or in a CI cache. 'report' "
                + "writes a self-contained site: a trend chart per suite, variant and metric with each run's 95%% CI, "
                + "step changes marked, and the latest regressions with their commit range.", ""},
        subcommands = {HistoryCommand.Add.class, HistoryCommand.Report.class, HistoryCommand.Find.class},
        footer = {"", "Examples:", "  ablate history add results/quick --store history --commit $GITHUB_SHA",
                "  ablate history report --store history --out site",
                "  ablate history find --store history --suite quick --commit $BASE_SHA",
                "", "Exit codes: 0 done, 2 bad input (no summary.json, a newer store, a record",
                "already there, no record found), 3 internal error. 'report' skips a corrupt",
                "record, says so on stderr and in the site, and goes on."})
public final class HistoryCommand implements Callable<Integer>, Subcommand {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Records a run in the history store.")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "RESULTS", description = "A results directory or its summary.json.")
        Path results;

        @Option(names = "--store", required = true, paramLabel = "DIR", description = "The history store (created if absent).")
        Path store;

        @Option(names = "--commit", paramLabel = "SHA", description = "Commit (default: $GITHUB_SHA, else the run's recorded commit).")
        String commit;

        @Option(names = "--date", paramLabel = "ISO", description = "When, e.g. 2026-12-07T00:00:00Z (default: now); orders the points.")
        String date;

        @Option(names = "--machine", paramLabel = "NAME", description = "Machine label: separate series per machine "
                + "(default: $ABLATE_MACHINE, else the host name).")
        String machine;

        @Override
        public Integer call() {
            try {
                Instant when = date == null ? Instant.now() : Instant.parse(date);
                String sha = commit != null ? commit : System.getenv("GITHUB_SHA");
                Path file = new HistoryStore(store).add(results, sha, when, machine());
                System.out.println("Recorded: " + file);
                return 0;
            } catch (DateTimeParseException e) {
                throw new UserError("--date " + date + ": not an ISO-8601 instant such as 2026-12-07T00:00:00Z");
            } catch (BadInput e) {
                throw new UserError(e.getMessage());
            }
        }

        private String machine() {
            if (machine != null) {
                return machine;
            }
            String env = System.getenv("ABLATE_MACHINE");
            if (env != null && !env.isBlank()) {
                return env;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "unknown";
            }
        }
    }

    @Command(name = "find", mixinStandardHelpOptions = true,
            description = "Prints the record of a suite at a commit (exit 2 if none): a base for 'ablate compare'.")
    static final class Find implements Callable<Integer> {
        @Option(names = "--store", required = true, paramLabel = "DIR", description = "The history store.")
        Path store;

        @Option(names = "--suite", required = true, paramLabel = "NAME", description = "Suite name.")
        String suite;

        @Option(names = "--commit", required = true, paramLabel = "SHA", description = "Commit (a prefix is enough).")
        String commit;

        @Option(names = "--machine", paramLabel = "NAME", description = "Only records of this machine.")
        String machine;

        @Override
        public Integer call() {
            try {
                var hit = new HistoryStore(store).find(suite, commit, machine);
                if (hit.isEmpty()) {
                    throw new UserError(store + ": no record of suite '" + suite + "' at commit " + commit
                            + (machine == null ? "" : " on " + machine));
                }
                System.out.println(hit.get().file());
                return 0;
            } catch (BadInput e) {
                throw new UserError(e.getMessage());
            }
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, description = "Writes the static trend site of a store.")
    static final class Report implements Callable<Integer> {
        @Option(names = "--store", required = true, paramLabel = "DIR", description = "The history store.")
        Path store;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the site (index.html, runs/).")
        Path out;

        @Override
        public Integer call() {
            try {
                HistorySite.Result r = HistorySite.write(store, out);
                for (var s : r.skipped()) {
                    System.err.println("ablate: skipped " + s.file() + ": " + s.reason());
                }
                System.out.println(r.trends().size() + " trend(s), " + r.regressions().size() + " step(s) to a worse level. "
                        + "Site: " + r.index().toAbsolutePath());
                return 0;
            } catch (BadInput e) {
                throw new UserError(e.getMessage());
            }
        }
    }
}
