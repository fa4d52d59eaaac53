package ablate.harness.cli;

import ablate.harness.UserError;
import ablate.harness.discovery.PluginRegistry;
import ablate.harness.plan.Plan;
import ablate.harness.plan.Planner;
import ablate.harness.run.Devices;
import ablate.harness.run.RunOptions;
import ablate.harness.run.SuiteRunner;
import ablate.harness.suite.Suite;
import ablate.harness.suite.SuiteLoader;
import ablate.results.Status;
import ablate.results.TrialResult;
import ai.djl.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ablate run SUITE}: plan, train and evaluate every trial, then write the reports. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a suite: every variant × seed is trained and evaluated; each result is written to the "
                + "results directory as its trial ends; then the HTML report, summary.json and Allure results.", ""},
        footer = {"", "Examples:", "  ablate run suites/quick.yaml",
                "  ablate run suites/attention.yaml --jobs 2 --resume --out results/attention",
                "  ablate run suites/attention.yaml --shard 2/4   # one slice of four, e.g. in a CI matrix",
                "  ablate run suites/quick.yaml --resume --retry-failed   # rerun what did not pass",
                "", "Each trial runs in a fresh JVM of its own: a native crash, an OutOfMemoryError,",
                "a hang (killed at the suite's timeout) or a trial over --trial-memory fails that",
                "trial only. A trial's output (e.g. libtorch's warnings) goes to",
                "<results>/logs/<trial id>.log. Ctrl-C stops the trials in flight and prints the",
                "command that resumes the run.",
                "", "Exit codes: 0 all trials passed, 1 some trials failed/diverged/timed out (see",
                "the report), 2 bad input (suite, flags, data), 3 internal error."})
public final class RunCommand implements Callable<Integer>, Subcommand {

    @Parameters(index = "0", paramLabel = "SUITE", description = "Suite file (YAML), e.g. suites/quick.yaml.")
    Path suiteFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: results/<suite name>).")
    Path out;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "1",
            description = "Trials to run at once (default: ${DEFAULT-VALUE}); the engine's threads are shared among them.")
    int jobs;

    @Option(names = "--threads", paramLabel = "N",
            description = "Engine threads per trial (default: the available cores divided among the jobs).")
    Integer threads;

    @Option(names = "--resume", description = "Skip trials whose result is already in the results directory.")
    boolean resume;

    @Option(names = "--retry-failed", description = "With --resume: run again the trials whose result is failed, "
            + "diverged or timed out (implies --resume).")
    boolean retryFailed;

    @Option(names = "--trial-memory", paramLabel = "SIZE", description = "Resident memory limit of one trial's "
            + "process, e.g. 4g or 1500m; a trial over it is killed and fails (default: 3/4 of physical memory / jobs; "
            + "the trial's Java heap is half of it).")
    String trialMemory;

    @Option(names = "--in-process", description = "Run the trials in threads of this JVM instead of a process each "
            + "(for debugging; a native crash then ends the suite, a hung trial keeps its core).")
    boolean inProcess;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--device", paramLabel = "cpu|gpu|auto", defaultValue = "auto",
            description = "Where to train (default: ${DEFAULT-VALUE}: GPU when DJL sees one, else CPU).")
    String device;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where dataset files are (else $ABLATE_DATA, then /usr/share/datasets/...).")
    Path dataDir;

    @Option(names = "--shard", paramLabel = "i/n", description = "Run only the i-th of n deterministic slices of the plan.")
    String shard;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Option(names = "--no-report", description = "Write only the trial results (e.g. for shards merged later by 'ablate report').")
    boolean noReport;

    @Override
    public Integer call() throws Exception {
        if (jobs < 1) {
            throw new UserError("--jobs must be at least 1, got " + jobs);
        }
        if (threads != null && threads < 1) {
            throw new UserError("--threads must be at least 1, got " + threads);
        }
        if (dataDir != null && !Files.isDirectory(dataDir)) {
            throw new UserError("--data-dir " + dataDir + ": no such directory");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        long heapMb = Runtime.getRuntime().maxMemory() >> 20;
        if (jobs > cores) {
            System.out.println("Note: --jobs " + jobs + " on " + cores + " cores: trials will share cores (and time more slowly).");
        }
        // in-process trials share this JVM's heap; trial processes get their own (half of --trial-memory)
        if (inProcess && jobs > 1 && heapMb / jobs < 256) {
            throw new UserError("--jobs " + jobs + " leaves " + heapMb / jobs + " MB of Java heap per trial; lower --jobs"
                    + " or raise the heap (JAVA_OPTS=-Xmx...)");
        }
        PluginRegistry registry = PluginRegistry.discover();
        Suite suite = new SuiteLoader(registry).load(suiteFile);
        Plan plan = new Planner(registry).plan(suite);
        Path results = out != null ? out : Path.of("results", suite.name());
        try {
            registry.task(suite.task()).prepare(suite.dataset(), suite.options(), dataDir);
        } catch (UserError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UserError(suite.file() + ": " + e.getMessage(), e);
        }
        java.util.Set<String> checked = new java.util.HashSet<>();
        for (ablate.harness.plan.Trial t : plan.trials()) {   // once per variant, before any trial starts
            if (checked.add(t.variant())) {
                prepareVariant(registry, suite, t);
            }
        }
        EngineSettings.apply(threads, jobs, System.out);
        Device dev = Devices.select(device, System.out);
        long memory = trialMemory != null ? ablate.harness.run.MemorySize.parse(trialMemory)
                : ablate.harness.run.MemorySize.defaultTrialMemory(jobs);
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        RunOptions options = new RunOptions(results, jobs, resume || retryFailed, device, dataDir, shard, quiet,
                inProcess, memory, retryFailed, args.subList(args.indexOf("run") + 1, args.size()));
        List<TrialResult> all = new SuiteRunner(registry.task(suite.task()), plan, options, dev, dataDir, System.out).run();
        Path report = noReport ? null : ablate.reports.ReportWriter.write(results);
        long failed = all.stream().filter(r -> r.status() != Status.PASSED).count();
        System.out.println();
        System.out.println((failed == 0 ? "All " + all.size() + " trials passed." : failed + " of " + all.size()
                + " trials did not pass (see the report's 'Failed trials').") + "");
        if (report != null) {
            System.out.println("Report: " + report.toAbsolutePath());
        }
        System.out.println("Results: " + results.toAbsolutePath() + " (summary.json, allure-results/, trials/)");
        return failed == 0 ? 0 : 1;
    }

    private void prepareVariant(PluginRegistry registry, Suite suite, ablate.harness.plan.Trial trial) {
        java.util.Map<String, ablate.harness.spi.TrialContext.Bound<? extends ablate.harness.spi.Plugin>> slots =
                new java.util.LinkedHashMap<>();
        trial.slots().forEach((k, b) -> slots.put(k, new ablate.harness.spi.TrialContext.Bound<>(b.plugin(), b.params())));
        try {
            registry.task(suite.task()).prepareVariant(suite.dataset(), suite.options(), dataDir, slots);
        } catch (UserError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UserError(suite.file() + ": variant " + trial.variant() + ": " + e.getMessage(), e);
        }
    }
}
