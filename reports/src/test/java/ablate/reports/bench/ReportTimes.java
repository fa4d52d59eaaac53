package ablate.reports.bench;

import ablate.reports.AllureResults;
import ablate.reports.Analysis;
import ablate.reports.HtmlReport;
import ablate.reports.ReportWriter;
import ablate.reports.SummaryJson;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where a report's time goes on a shared machine. Per round, into new directories: each step alone (analysis,
 * summary.json, Allure, HTML), the whole {@link ReportWriter#write}, the same again over its own output (a
 * rewrite, e.g. {@code ablate report} after {@code ablate run}), and as the floor the file system sets, creating
 * as many empty files as the Allure step wrote. Each as wall time / CPU time of the whole process (all threads,
 * kernel included), which other processes inflate far less than wall time. Runs on
 * {@link HarnessShapedReportBenchmark#write} results, or on the results directory given as the first argument;
 * deletes nothing until the end (see {@link HarnessShapedReportBenchmark}).
 * <pre>java -cp ... ablate.reports.bench.ReportTimes [RESULTS_DIR|-] [ROUNDS]</pre>
 */
public final class ReportTimes {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ReportTimes() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("ablate-report-times");
        Path dir = args.length > 0 && !args[0].equals("-") ? Path.of(args[0])
                : HarnessShapedReportBenchmark.write(work.resolve("results"));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (int round = 1; round <= rounds; round++) {
            Path steps = work.resolve("steps-" + round);
            Timer t = new Timer();
            Analysis analysis = Analysis.of(dir);
            String analysed = t.lap();
            SummaryJson.write(analysis, steps);
            String summary = t.lap();
            AllureResults.write(analysis, steps.resolve(ReportWriter.ALLURE_DIR));
            String allure = t.lap();
            HtmlReport.write(analysis, steps);
            String html = t.lap();
            long files;
            try (Stream<Path> s = Files.list(steps.resolve(ReportWriter.ALLURE_DIR))) {
                files = s.count();
            }
            Path whole = work.resolve("write-" + round);
            ReportWriter.write(List.of(dir), whole);
            String write = t.lap();
            ReportWriter.write(List.of(dir), whole);
            String rewrite = t.lap();
            Path empty = Files.createDirectory(work.resolve("empty-" + round));
            for (long i = 0; i < files; i++) {
                Files.createFile(empty.resolve(i + ".json"));
            }
            String floor = t.lap();
            System.out.printf(Locale.ROOT, "round %d: analysis %s, summary.json %s, Allure %s, HTML %s | write %s, "
                    + "rewrite %s | %d empty files %s (wall/CPU ms), load %.1f%n", round, analysed, summary, allure,
                    html, write, rewrite, files, floor, OS.getSystemLoadAverage());
        }
        HarnessShapedReportBenchmark.delete(work);
    }

    /** Wall and process CPU time since the last lap, as {@code wall/cpu} in milliseconds. */
    private static final class Timer {
        private long wall = System.nanoTime();
        private long cpu = OS.getProcessCpuTime();

        String lap() {
            long w = System.nanoTime();
            long c = OS.getProcessCpuTime();
            String s = (w - wall) / 1_000_000 + "/" + (c - cpu) / 1_000_000;
            wall = w;
            cpu = c;
            return s;
        }
    }
}
