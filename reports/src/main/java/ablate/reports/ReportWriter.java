package ablate.reports;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Writes every report of a results directory into that directory: {@code index.html},
 * {@code summary.json} and {@code allure-results/}.
 */
public final class ReportWriter {
    public static final String HTML = "index.html";
    public static final String SUMMARY = "summary.json";
    public static final String ALLURE_DIR = "allure-results";

    private ReportWriter() {
    }

    /** Analyses {@code resultsDir} and writes the reports beside the results; returns the path of {@code index.html}. */
    public static Path write(Path resultsDir) {
        return write(Analysis.of(resultsDir), resultsDir);
    }

    /** Merges the results directories of one suite's shards and writes their reports into {@code outDir}. */
    public static Path write(List<Path> resultsDirs, Path outDir) {
        return write(Analysis.of(resultsDirs), outDir);
    }

    /**
     * Writes the reports of an analysis into {@code outDir}; returns the path of {@code index.html}. The Allure
     * results (a file per trial) wait mostly on the file system, so they are written while this thread renders
     * the HTML and JSON.
     */
    public static Path write(Analysis analysis, Path outDir) {
        FutureTask<Path> allure = new FutureTask<>(() -> AllureResults.write(analysis, outDir.resolve(ALLURE_DIR)));
        Thread writer = new Thread(allure, "allure-results");
        writer.setDaemon(true);
        writer.start();
        Path html;
        try {
            SummaryJson.write(analysis, outDir);
            html = HtmlReport.write(analysis, outDir);
        } catch (RuntimeException e) {
            try {
                join(allure);
            } catch (RuntimeException other) {
                e.addSuppressed(other);
            }
            throw e;
        }
        join(allure);
        return html;
    }

    /** Waits for a task and returns its value, rethrowing what it threw. */
    static <T> T join(Future<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing reports", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
