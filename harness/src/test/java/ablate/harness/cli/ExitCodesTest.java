package ablate.harness.cli;

import ablate.results.ResultsStore;
import ablate.results.SuiteInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The exit codes the help promises: 0 success, 1 failed trials, 2 bad input, 3 internal error. */
class ExitCodesTest {
    @TempDir
    Path dir;

    @Test
    void plainAblateListsTheCommandsOneLineEachAndExitsZero() {
        CliRun r = CliRun.of();
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> commands = r.out().lines().dropWhile(l -> !l.equals("Commands:")).skip(1)
                .takeWhile(l -> !l.isBlank()).toList();
        assertThat(commands).extracting(l -> l.trim().split(" +")[0])
                .contains("run", "list", "describe", "new-plugin", "report", "metric");
        for (String line : commands) {
            assertThat(line).as(line).startsWith("  ").matches("  [a-z-]+ +\\S.*");
            assertThat(line.length()).as(line).isLessThanOrEqualTo(100);
        }
        assertThat(r.out()).contains("run         Runs a suite",
                "metric      Metrics of your files as JSON: COCO/VOC AP, mIoU, Dice, PSNR, SSIM, AIC/BIC\n");
    }

    @Test
    void helpDocumentsEveryExitCode() {
        CliRun r = CliRun.of("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("  0  success", "  1  some trials failed", "  2  bad input", "  3  internal error",
                "'ablate' with no command");
        assertThat(CliRun.of("run", "--help").out()).contains("1 some trials failed", "2 bad input", "3 internal error");
        assertThat(CliRun.of("report", "--help").out()).contains("2 bad input", "3 internal error");
        assertThat(CliRun.of("metric", "--help").out()).contains("2 bad input", "3 internal error");
    }

    @Test
    void anUnknownCommandIsBadInput() {
        CliRun.of("frobnicate").assertOneLineError("frobnicate");
    }

    @Test
    void mergingResultsOfDifferentSuitesIsBadInput() {
        Path a = suite("alpha", "se");
        Path b = suite("beta", "se");
        CliRun.of("report", a.toString(), b.toString(), "--out", dir.resolve("out").toString())
                .assertOneLineError("cannot merge results of different suites: " + a + " holds suite 'alpha', " + b
                        + " holds 'beta'");
        Path older = suite("alpha", "cbam");
        CliRun.of("report", a.toString(), older.toString(), "--out", dir.resolve("out").toString())
                .assertOneLineError("different versions of suite 'alpha'");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    private Path suite(String name, String variant) {
        Path d = dir.resolve(name + "-" + variant);
        new ResultsStore(d).writeSuite(new SuiteInfo(name, name + ".yaml", "toy", "score", List.of(), "baseline",
                List.of(new SuiteInfo.Variant(variant, Map.of(), List.of())), List.of(1L), Map.of(), Map.of()));
        return d;
    }
}
