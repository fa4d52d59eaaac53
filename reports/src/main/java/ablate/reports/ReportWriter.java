package ablate.reports;

import java.nio.file.Path;
import java.util.List;

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

    /** Writes the reports of an analysis into {@code outDir}; returns the path of {@code index.html}. */
    public static Path write(Analysis analysis, Path outDir) {
        SummaryJson.write(analysis, outDir);
        AllureResults.write(analysis, outDir.resolve(ALLURE_DIR));
        return HtmlReport.write(analysis, outDir);
    }
}
