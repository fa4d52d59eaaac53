package ablate.harness.cli;

import java.nio.file.Path;

/** Writes every report of a results directory and returns the HTML report's path. */
final class Reports {
    private Reports() {
    }

    static Path write(Path resultsDir) {
        return resultsDir.resolve("index.html"); // replaced by ablate.reports.ReportWriter when reports land
    }
}
