package ablate.harness;

import ablate.harness.cli.CliRun;
import ablate.harness.spi.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input is caught when the suite loads or the flags are read, before anything runs or is written. */
class SuitePromisesTest {
    @TempDir
    Path dir;

    Path write(String yaml) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void aSuiteNameCannotLeaveTheResultsRoot() throws Exception {
        Path escape = dir.resolve("escaped");
        String target = dir.relativize(escape).toString();
        for (String name : new String[]{"../../../tmp/x", "../" + target, "a/b", "..", "a\\\\b"}) {
            Path f = write(SuiteValidationTest.GOOD.replace("name: toy-suite", "name: \"" + name + "\""));
            CliRun.of("run", f.toString(), "--quiet").assertOneLineError("s.yaml:1: name: ")
                    .assertOneLineError("cannot name the results directory");
        }
        assertThat(escape).doesNotExist();
        assertThat(Path.of("results", "..", "escaped")).doesNotExist();
    }

    @Test
    void threadsMustBePositive() throws Exception {
        Path f = write(SuiteValidationTest.GOOD);
        CliRun.of("run", f.toString(), "--threads", "0").assertOneLineError("--threads must be at least 1, got 0");
        CliRun.of("run", f.toString(), "--threads", "-2").assertOneLineError("--threads must be at least 1, got -2");
    }

    @Test
    void aParameterRuleIsCheckedLikeItsRange() {
        Param kernel = Param.integer("kernel", 7, 1, 15, "size").must("be odd", v -> (Integer) v % 2 == 1);
        assertThat(kernel.coerce(5L)).isEqualTo(5);
        assertThatThrownBy(() -> kernel.coerce(4L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'kernel' must be odd, got 4");
        assertThatThrownBy(() -> kernel.coerce(17L)).hasMessage("parameter 'kernel' = 17 is outside [1, 15]");
        assertThat(kernel.domain()).isEqualTo("[1, 15], must be odd");
        Param both = kernel.must("be at most 9", v -> (Integer) v <= 9);
        assertThatThrownBy(() -> both.coerce(11L)).hasMessage("parameter 'kernel' must be odd and be at most 9, got 11");
        // A plugin whose default breaks its own rule is a bug, found when the plugin class loads.
        assertThatThrownBy(() -> Param.integer("k", 2, 1, 15, "size").must("be odd", v -> (Integer) v % 2 == 1))
                .hasMessageContaining("default 2 breaks its rule: must be odd");
    }
}
