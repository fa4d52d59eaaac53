package ablate.harness.run;

import ablate.harness.plan.Plan;
import ablate.harness.plan.Trial;
import ablate.results.ResultsStore;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run's shutdown hook (Ctrl-C, SIGTERM): kills the trial processes in flight, says what finished and prints
 * the exact command that resumes the run. Removed when the run ends normally.
 */
final class Interruption extends Thread {
    private final TrialRunner runner;
    private final ResultsStore store;
    private final List<Trial> mine;
    private final RunOptions options;
    private final Plan plan;
    private final PrintStream out;
    private final Set<Trial> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger finishedHere = new AtomicInteger();

    Interruption(TrialRunner runner, ResultsStore store, List<Trial> mine, RunOptions options, Plan plan,
                 PrintStream out) {
        super("ablate-interrupted");
        this.runner = runner;
        this.store = store;
        this.mine = mine;
        this.options = options;
        this.plan = plan;
        this.out = out;
    }

    void started(Trial t) {
        inFlight.add(t);
    }

    void finished(Trial t) {
        inFlight.remove(t);
        finishedHere.incrementAndGet();
    }

    @Override
    public void run() {
        List<Trial> stopped = new ArrayList<>(inFlight);
        try {
            runner.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long done = mine.stream().filter(t -> store.find(t.id()).isPresent()).count();
        StringBuilder sb = new StringBuilder(System.lineSeparator()).append("Interrupted: ").append(done).append(" of ")
                .append(mine.size()).append(" trials have results in ").append(store.trialsDir()).append(" (")
                .append(finishedHere.get()).append(" finished in this run)");
        if (!stopped.isEmpty()) {
            sb.append("; stopped, not recorded: ").append(String.join(", ",
                    stopped.stream().map(t -> t.variant() + " seed " + t.seed()).toList()));
        }
        sb.append('.').append(System.lineSeparator()).append("Resume with:").append(System.lineSeparator())
                .append("  ").append(resumeCommand());
        out.println(sb);
        out.flush();
    }

    /** The command as it was given, with {@code --resume} added. */
    String resumeCommand() {
        List<String> args = new ArrayList<>();
        args.add(System.getProperty("ablate.command", "ablate"));
        args.add("run");
        if (options.cliArgs() != null) {
            args.addAll(options.cliArgs());
        } else {
            args.add(plan.suite().file().toString());
            args.add("--out");
            args.add(options.out().toString());
        }
        if (!args.contains("--resume")) {
            args.add("--resume");
        }
        return String.join(" ", args.stream().map(Interruption::quote).toList());
    }

    private static String quote(String arg) {
        return arg.matches("[\\w@%+=:,./-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    /** A job thread saw its trial stopped: the JVM is exiting (only the hook stops trials); wait for it. */
    void awaitExit() throws InterruptedException {
        Thread.currentThread().join();
    }
}
