package ablate.harness.bench;

import ablate.harness.cli.Main;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Harness overhead: `ablate run` of a 1,000-trial suite of a no-op plugin (the test-only toy task, one epoch,
 * nothing to train): suite parsing and validation, planning, 1,000 isolated trial threads
 * ({@code --in-process}), 1,000 atomic result files; and the same followed by the HTML report, summary.json
 * and Allure results. Target: under 2 s.
 * Each iteration writes into a new directory, as a first {@code ablate run} does, and nothing is deleted before
 * the end: on ext4 without a journal (this machine's disk) a file created shortly after many deletions costs up to
 * a millisecond of kernel CPU (the inode allocator steps over each recently deleted inode), so deleting the last
 * iteration's ~3,000 files first would time the clean-up rather than the run. For the same reason the clean-up
 * at the end waits a while before the next benchmark's fork starts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class HarnessOverheadBenchmark {
    Path suite;
    Path out;
    int iteration;

    @Setup(Level.Trial)
    public void writeSuite() throws Exception {
        Path dir = Files.createTempDirectory("ablate-overhead");
        suite = dir.resolve("noop.yaml");
        // 200 swept variants × 5 seeds = 1,000 trials
        String gains = IntStream.range(0, 199).mapToObj(i -> String.valueOf(0.001 * (i + 1)))
                .collect(Collectors.joining(", "));
        Files.writeString(suite, """
                name: noop-1000
                task: toy
                dataset: {name: toy-data}
                variants:
                  swept: {behaviour: {id: toy.steady, gain: [%s]}}
                seeds: 5
                budget: {epochs: 1}
                """.formatted(gains));
    }

    @Setup(Level.Iteration)
    public void newOutput() {
        out = suite.resolveSibling("out-" + iteration++);
    }

    @TearDown(Level.Trial)
    public void delete() throws Exception {
        try (Stream<Path> files = Files.walk(suite.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Thread.sleep(40_000);
    }

    @Benchmark
    public int run1000NoOpTrials() {
        return run("--no-report");
    }

    @Benchmark
    public int run1000NoOpTrialsWithReports() {
        return run();
    }

    private int run(String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", suite.toString(), "--out",
                out.toString(), "--device", "cpu", "--quiet", "--in-process"));
        // in-process: this measures the harness's own work; a process per trial costs a JVM start each (seconds),
        // measured with the quick suite in docs/benchmarks.md, "One process per trial"
        args.addAll(java.util.List.of(extra));
        int code = Main.execute(args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("ablate run exited " + code);
        }
        return code;
    }
}
