package ablate.harness.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ablate history add|report} and {@code ablate export} through the CLI, over hand-made summary.json files. */
class HistoryCommandTest {
    @TempDir
    Path dir;

    static Path summary(Path dir, double accuracy) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"), """
                {"schema":"ablate-summary/1","suite":{"name":"q","metricDirections":{"accuracy":"higher"}},
                 "variants":[{"name":"baseline","metrics":{"accuracy":{"direction":"higher","n":3,"mean":%s,"sd":0.01,
                   "ciLow":%s,"ciHigh":%s}}}],"failures":[],"provenance":[{"gitCommit":"abc123"}]}
                """.formatted(accuracy, accuracy - 0.025, accuracy + 0.025));
        return dir;
    }

    @Test
    void addFiveRunsThenReportShowsTheStep() throws Exception {
        Path store = dir.resolve("store");
        double[] acc = {0.80, 0.80, 0.80, 0.70, 0.70};
        for (int i = 0; i < acc.length; i++) {
            CliRun r = CliRun.of("history", "add", summary(dir.resolve("r" + i), acc[i]).toString(), "--store",
                    store.toString(), "--commit", "c" + i, "--date", "2026-12-0" + (i + 1) + "T00:00:00Z", "--machine", "ci");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("Recorded: ");
        }
        CliRun.of("history", "add", dir.resolve("r0").toString(), "--store", store.toString(), "--commit", "c0",
                "--date", "2026-12-01T00:00:00Z", "--machine", "ci").assertOneLineError("already recorded");
        CliRun.of("history", "add", dir.resolve("r0").toString(), "--store", store.toString(), "--date", "yesterday")
                .assertOneLineError("--date yesterday");
        CliRun found = CliRun.of("history", "find", "--store", store.toString(), "--suite", "q", "--commit", "c3");
        assertThat(found.code()).as(found.err()).isZero();
        assertThat(found.out().trim()).endsWith("20261204T000000Z-c3.json");
        CliRun.of("history", "find", "--store", store.toString(), "--suite", "q", "--commit", "zz")
                .assertOneLineError("no record of suite 'q' at commit zz");
        Files.writeString(store.resolve("records/q/ci/20261209T000000Z-cut.json"), "{\"format\":1,\"su");

        CliRun report = CliRun.of("history", "report", "--store", store.toString(), "--out", dir.resolve("site").toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.out()).contains("1 trend(s), 1 step(s) to a worse level");
        assertThat(report.err()).startsWith("ablate: skipped ").contains("20261209T000000Z-cut.json", "not valid JSON");
        assertThat(Files.readString(dir.resolve("site/index.html"))).contains("class=\"step worse\"", "<code>c2</code>");

        Files.writeString(store.resolve("ablate-history.json"), "{\"format\": 7}");
        CliRun.of("history", "report", "--store", store.toString(), "--out", dir.resolve("site").toString())
                .assertOneLineError("ablate-history.json: store format 7 is newer");
    }

    /** picocli formats descriptions: a bare '%' would print a warning and the raw text. */
    @Test
    void theHelpOfTheNewCommandsPrintsCleanlyAndNamesTheExitCodes() {
        for (String[] cmd : new String[][]{{"compare", "--help"}, {"history", "--help"}, {"export", "--help"},
                {"history", "add", "--help"}, {"history", "report", "--help"}, {"history", "find", "--help"}}) {
            CliRun r = CliRun.of(cmd);
            assertThat(r.code()).isZero();
            assertThat(r.err()).as(String.join(" ", cmd)).isEmpty();
        }
        assertThat(CliRun.of("compare", "--help").out()).contains("95% CI", "1 a metric regressed", "2", "3 internal error");
        assertThat(CliRun.of("history", "--help").out()).contains("95% CI", "2 bad input", "3 internal error");
        assertThat(CliRun.of("export", "--help").out()).contains("95% CI", "2 bad input", "3 internal error");
    }

    @Test
    void exportWritesBencherJsonAndRefusesAnUnknownFormat() throws Exception {
        Path run = summary(dir.resolve("r"), 0.8);
        CliRun r = CliRun.of("export", run.toString(), "--format", "bencher");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().path("q/baseline").path("accuracy").path("value").asDouble()).isEqualTo(0.8);
        CliRun.of("export", run.toString(), "--format", "asv").assertOneLineError("--format asv: unknown");
        Files.writeString(run.resolve("summary.json"), "{\"schema\":\"ablate-sum");
        CliRun.of("export", run.toString(), "--format", "bencher").assertOneLineError("not valid JSON");
    }
}
