package ablate.harness;

import ablate.harness.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input: one clear line on stderr, exit code 2, no stack trace. */
class CliErrorTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    void assertOneLineError(Run r, String fragment) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().startsWith("ablate: ").contains(fragment);
        assertThat(r.err()).doesNotContain("\tat ", "Exception");
    }

    Path write(String yaml) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void malformedYaml() throws Exception {
        assertOneLineError(run("run", write("task: toy\n  bad: [indent\n").toString()), "malformed YAML");
    }

    @Test
    void unknownPluginId() throws Exception {
        Path f = write(SuiteValidationTest.GOOD.replace("behaviour: toy.steady\n", "behaviour: toy.stedy\n"));
        assertOneLineError(run("run", f.toString()), "did you mean 'toy.steady'?");
    }

    @Test
    void parameterOfTheWrongType() throws Exception {
        Path f = write(SuiteValidationTest.GOOD.replace("gain: [0.1, 0.2]", "gain: lots"));
        assertOneLineError(run("run", f.toString()), "'gain' must be a number");
    }

    @Test
    void missingDataDirectory() throws Exception {
        Path f = write(SuiteValidationTest.GOOD);
        assertOneLineError(run("run", f.toString(), "--data-dir", dir.resolve("absent").toString()), "no such directory");
    }

    @Test
    void unknownFlagAndUnknownPluginInDescribe() {
        assertOneLineError(run("run", "suite.yaml", "--frobnicate"), "Unknown option");
        assertOneLineError(run("describe", "toy.stedy"), "did you mean 'toy.steady'?");
    }

    @Test
    void listShowsTestOnlyPluginsAsJson() {
        Run r = run("list", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"id\" : \"toy.steady\"", "\"id\" : \"toy\"");
    }
}
