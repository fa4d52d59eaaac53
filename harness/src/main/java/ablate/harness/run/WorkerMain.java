package ablate.harness.run;

import ablate.harness.discovery.PluginRegistry;
import ablate.harness.plan.Plan;
import ablate.harness.plan.Planner;
import ablate.harness.plan.Trial;
import ablate.harness.suite.Suite;
import ablate.harness.suite.SuiteLoader;
import ablate.results.ResultsStore;
import ablate.results.TrialResult;
import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The main class of a trial process ({@link TrialProcess} starts it). It re-loads the suite file and re-plans
 * (trial ids are deterministic), then runs the trials whose ids arrive on standard input, one at a time, until
 * standard input closes. Standard output is the channel to the parent: lines starting with {@link #PREFIX}
 * (start, epoch, result as one line of the results format); everything else the process prints (the task's own
 * output, libtorch's warnings, a JVM crash report) goes to the trial's log.
 *
 * <p>Arguments: {@code SUITE RESULTS_DIR DEVICE_TYPE DEVICE_ID [DATA_DIR]}.
 */
public final class WorkerMain {
    static final String PREFIX = "@@ablate ";

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        // The protocol keeps file descriptor 1; System.out (plugins' prints) joins standard error, the log.
        PrintStream channel = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        // Ctrl-C in a terminal signals the whole process group: the parent decides what an interruption stops
        // (it kills this process and records nothing), so a trial must not die of it first and be recorded failed.
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        // A parent killed with SIGKILL cannot kill its children: an orphaned trial stops by itself.
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(143)));

        Path suiteFile = Path.of(args[0]);
        Path results = Path.of(args[1]);
        Device device = Device.of(args[2], Integer.parseInt(args[3]));
        Path dataDir = args.length > 4 ? Path.of(args[4]) : null;

        PluginRegistry registry = PluginRegistry.discover();
        Suite suite = new SuiteLoader(registry).load(suiteFile);
        Plan plan = new Planner(registry).plan(suite);
        Map<String, Trial> trials = plan.trials().stream().collect(Collectors.toMap(Trial::id, Function.identity()));
        TrialExecutor executor = new TrialExecutor(registry.task(suite.task()), plan, device, dataDir, results);
        // Load the engine, probe the machine (git, /proc) and warm the JSON writer before any trial's clock starts:
        // the in-process mode does this once per run, and a timeout is about the trial, not about starting a JVM.
        ProvenanceProbe.collect(device, "");
        ObjectWriter oneLine = ResultsStore.JSON.writer().without(SerializationFeature.INDENT_OUTPUT);
        oneLine.writeValueAsString(TrialExecutor.unfinished(plan.trials().get(0), device,
                ablate.results.Status.FAILED, "warm-up", java.util.List.of(), java.time.Instant.now(), 0));

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String id; (id = in.readLine()) != null; ) {
            Trial trial = trials.get(id.trim());
            if (trial == null) {
                channel.println(PREFIX + "unknown " + id.trim());
                continue;
            }
            channel.println(PREFIX + "start " + trial.id());
            TrialResult result = executor.execute(trial, (t, epoch, epochs, loss) ->
                    channel.println(PREFIX + "epoch " + epoch + " " + epochs + " " + loss), 0,
                    () -> channel.println(PREFIX + "ended"));
            channel.println(PREFIX + "result " + oneLine.writeValueAsString(result));
        }
        System.exit(0);
    }
}
