package ablate.harness.cli;

import ablate.results.Direction;
import ablate.results.ResultsStore;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ablate compare}'s exit codes and outputs over hand-made results directories. */
class CompareCommandTest {
    @TempDir
    Path dir;

    static Path run(Path dir, String suite, double... accuracy) {
        ResultsStore store = new ResultsStore(dir);
        var v = new SuiteInfo.Variant("baseline", Map.of(), List.of());
        store.writeSuite(new SuiteInfo(suite, "no/such/suite.yaml", "t", "accuracy", List.of(), "baseline", List.of(v),
                List.of(1L, 2L, 3L), Map.of(), Map.of()).withMetrics(Map.of("accuracy", Direction.HIGHER)));
        for (int i = 0; i < accuracy.length; i++) {
            store.write(new TrialResult("t" + i, "baseline", i + 1, Map.of(), Status.PASSED, null,
                    Map.of("accuracy", accuracy[i]), Map.of(), null, Map.of(), null, "2026-12-06T00:00:00Z", 1));
        }
        return dir;
    }

    @Test
    void exitsOneOnARegressionZeroWithinNoiseAndTwoOnBadInput() throws Exception {
        Path base = run(dir.resolve("base"), "q", 0.80, 0.82, 0.78);
        Path worse = run(dir.resolve("worse"), "q", 0.75, 0.765, 0.735);
        Path noisy = run(dir.resolve("noisy"), "q", 0.79, 0.84, 0.76);

        CliRun r = CliRun.of("compare", base.toString(), worse.toString(), "--max-drop", "accuracy=0.01");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("regressed", "-0.0500 [-0.0624, -0.0376]", "gate FAILED");

        assertThat(CliRun.of("compare", base.toString(), noisy.toString(), "--max-drop", "accuracy=0.01").code()).isZero();

        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, "name: q\ngate: {accuracy: {max-drop: 0.06}}\n");
        CliRun fromSuite = CliRun.of("compare", base.toString(), worse.toString(), "--suite", suite.toString(), "--json");
        assertThat(fromSuite.code()).isZero();
        assertThat(fromSuite.json().path("changes").get(0).path("verdict").asText()).isEqualTo("unchanged");

        CliRun md = CliRun.of("compare", base.toString(), worse.toString(), "--markdown");
        assertThat(md.out()).startsWith("### Ablate compare: suite `q`").contains("| baseline | accuracy ↑ |");

        CliRun.of("compare", base.toString(), run(dir.resolve("other"), "other", 0.8, 0.8).toString())
                .assertOneLineError("different suites");
        CliRun.of("compare", base.toString(), worse.toString(), "--max-drop", "acc=0.01")
                .assertOneLineError("gate.acc: suite 'q' has no metric 'acc'");
        Files.writeString(suite, "gate: {accuracy: {max-drop: lots}}\n");
        CliRun.of("compare", base.toString(), worse.toString(), "--suite", suite.toString())
                .assertOneLineError("gate.accuracy.max-drop");
        CliRun.of("compare", base.toString(), dir.resolve("nothing").toString()).assertOneLineError("nothing");
    }
}
