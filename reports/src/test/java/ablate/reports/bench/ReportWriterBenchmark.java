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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * All three reports (HTML, summary.json, Allure) of a 1,000-trial results directory: 100 variants × 10 seeds,
 * with or without 10-epoch learning curves (curves add an SVG and a CSV Allure attachment per variant). Every call
 * rewrites the reports of the same directory, so this times a rewrite (Allure files overwritten in place);
 * {@link HarnessShapedReportBenchmark} times a first write.
 * {@code bench/jmh reports ReportWriter -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReportWriterBenchmark {
    @Param({"false", "true"})
    public boolean curves;

    private Path dir;

    @Setup(Level.Trial)
    public void writeResults() throws IOException {
        dir = Files.createTempDirectory("ablate-report-bench");
        List<SuiteInfo.Variant> variants = new ArrayList<>();
        for (int v = 0; v < 100; v++) {
            variants.add(new SuiteInfo.Variant("v" + v, Map.of("slot", Map.of("plugin", "noop", "k", v)), List.of()));
        }
        List<Long> seeds = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        ResultsStore store = new ResultsStore(dir);
        store.writeSuite(new SuiteInfo("bench", "bench.yaml", "noop", "accuracy", List.of(), "v0", variants, seeds,
                Map.of(), Map.of()));
        Provenance p = new Provenance("0", "c", "17", "none", "0", 0, "0", "cpu", "cpu", "linux", "none");
        Random r = new Random(1);
        for (SuiteInfo.Variant v : variants) {
            for (long seed : seeds) {
                List<Double> loss = new ArrayList<>();
                List<Double> acc = new ArrayList<>();
                for (int e = 0; e < 10; e++) {
                    loss.add(2 * Math.exp(-0.3 * e) + 0.01 * r.nextDouble());
                    acc.add(0.9 - 0.5 * Math.exp(-0.4 * e) + 0.01 * r.nextDouble());
                }
                store.write(new TrialResult(v.name() + "-" + seed, v.name(), seed, Map.of(), Status.PASSED, null,
                        Map.of("accuracy", 0.9 + 0.01 * r.nextGaussian()),
                        curves ? Map.of("trainLoss", loss, "testAccuracy", acc) : Map.of(),
                        new Cost(1000, 1000, 1000, 1, 1, 1.5, 1 << 20), Map.of(), p, "2026-01-01T00:00:00Z", 1.0));
            }
        }
    }

    @Benchmark
    public Path writeReports() {
        return ReportWriter.write(dir);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        HarnessShapedReportBenchmark.delete(dir);
    }
}
