package ablate.reports.bench;

import ablate.reports.ReportWriter;
import ablate.results.Cost;
import ablate.results.Provenance;
import ablate.results.ResultsStore;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The reports of the results {@code HarnessOverheadBenchmark}'s suite leaves (200 variants of the test-only toy
 * task × 5 seeds, one epoch, one claim per variant), each call into a new directory, as after {@code ablate run}.
 * Nothing is deleted until the end: on this machine's ext4 (no journal) a file created within half a minute of
 * many deletions costs up to a millisecond of system CPU, which would measure the clean-up instead.
 * {@code bench/jmh reports HarnessShapedReport -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HarnessShapedReportBenchmark {
    private Path dir;
    private Path out;
    private int calls;

    @Setup(Level.Trial)
    public void writeResults() throws IOException {
        dir = write(Files.createTempDirectory("ablate-report-harness-shaped"));
    }

    @Setup(Level.Iteration)
    public void newOutput() {
        out = dir.resolve("reports-" + calls++);
    }

    @Benchmark
    public Path writeReports() {
        return ReportWriter.write(List.of(dir), out);
    }

    @TearDown(Level.Trial)
    public void deleteResults() throws IOException {
        delete(dir);
    }

    /**
     * Writes the results into {@code dir} and returns it: variants {@code swept[gain=G]} for G = 0.001 … 0.199 plus
     * the baseline, score {@code 0.5 + gain + 0.001·(seed mod 7)} and a train loss of 1 in its only epoch, as
     * the toy task records them.
     */
    public static Path write(Path dir) {
        SuiteInfo.ClaimInfo claim = new SuiteInfo.ClaimInfo("toy.steady", "score", "HIGHER", "gain raises the score");
        List<SuiteInfo.Variant> variants = new ArrayList<>();
        List<Double> gains = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double gain = 0.001 * i;
            gains.add(gain);
            variants.add(new SuiteInfo.Variant(i == 0 ? "baseline" : "swept[gain=" + gain + "]",
                    Map.of("behaviour", Map.of("id", "toy.steady", "gain", gain, "width", 8)), List.of(claim)));
        }
        List<Long> seeds = List.of(1L, 2L, 3L, 4L, 5L);
        ResultsStore store = new ResultsStore(dir);
        store.writeSuite(new SuiteInfo("noop-1000", "noop.yaml", "toy", "score", List.of(), "baseline", variants,
                seeds, Map.of("name", "toy-data"), Map.of("epochs", 1)));
        Provenance p = new Provenance("0.1.0", "unknown", "17", "PyTorch", "2.5.1", 2, "0.32.0", "cpu()", "cpu", "linux", "");
        for (int v = 0; v < variants.size(); v++) {
            for (long seed : seeds) {
                String name = variants.get(v).name();
                store.write(new TrialResult(String.format("%016x", v * 31L + seed), name, seed, Map.of(), Status.PASSED,
                        null, Map.of("score", 0.5 + gains.get(v) + 0.001 * (seed % 7)), Map.of("trainLoss", List.of(1.0)),
                        new Cost(10, 10, 100, 0.01, 0.1, 0.2, 277_540_864), Map.of(), p, "2026-11-22T15:20:06Z", 2.2e-4));
            }
        }
        return dir;
    }

    static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(f);
                }
            }
        }
    }
}
