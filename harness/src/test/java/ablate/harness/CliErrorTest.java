package ablate.harness;

import ablate.harness.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input: one clear line on stderr, exit code 2, no stack trace. */
class CliErrorTest {
    @TempDir
    Path dir;

    Path write(String yaml) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void malformedYaml() throws Exception {
        CliRun.of("run", write("task: toy\n  bad: [indent\n").toString()).assertOneLineError("malformed YAML");
    }

    @Test
    void unknownPluginId() throws Exception {
        Path f = write(SuiteValidationTest.GOOD.replace("behaviour: toy.steady\n", "behaviour: toy.stedy\n"));
        CliRun.of("run", f.toString()).assertOneLineError("did you mean 'toy.steady'?");
    }

    @Test
    void parameterOfTheWrongType() throws Exception {
        Path f = write(SuiteValidationTest.GOOD.replace("gain: [0.1, 0.2]", "gain: lots"));
        CliRun.of("run", f.toString()).assertOneLineError("'gain' must be a number");
    }

    @Test
    void missingDataDirectory() throws Exception {
        Path f = write(SuiteValidationTest.GOOD);
        CliRun.of("run", f.toString(), "--data-dir", dir.resolve("absent").toString()).assertOneLineError("no such directory");
    }

    @Test
    void aGpuAskedForOnAMachineWithoutOne() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ai.djl.engine.Engine.getInstance().getGpuCount() == 0, "a GPU is here");
        Path f = write(SuiteValidationTest.GOOD);
        CliRun.of("run", f.toString(), "--device", "gpu", "--out", dir.resolve("out").toString())
                .assertOneLineError("GPU");
    }

    @Test
    void unknownFlagAndUnknownPluginInDescribe() {
        CliRun.of("run", "suite.yaml", "--frobnicate").assertOneLineError("Unknown option");
        CliRun.of("describe", "toy.stedy").assertOneLineError("did you mean 'toy.steady'?");
    }

    @Test
    void listShowsTestOnlyPluginsAsJson() {
        CliRun r = CliRun.of("list", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"id\" : \"toy.steady\"", "\"id\" : \"toy\"");
    }

    @Test
    void listAlignsItsColumnsToTheLongestEntry() {
        CliRun r = CliRun.of("list");
        assertThat(r.code()).isZero();
        List<String> table = r.out().lines().dropWhile(l -> !l.startsWith("PLUGIN")).takeWhile(l -> !l.isBlank()).toList();
        assertThat(table).hasSizeGreaterThan(2);
        int summary = table.get(0).indexOf("SUMMARY");
        for (String row : table) {
            assertThat(row.charAt(summary - 1)).as(row).isEqualTo(' ');
            assertThat(row.charAt(summary)).as(row).isNotEqualTo(' ');
        }
    }
}
