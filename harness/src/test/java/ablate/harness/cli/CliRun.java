package ablate.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** One CLI invocation in the test's JVM, with its exit code and what it printed (for the tests of every module). */
public record CliRun(int code, String out, String err) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Runs {@code ablate ARGS...} through {@link Main#execute}, capturing standard output and error. */
    public static CliRun of(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    public JsonNode json() throws IOException {
        return MAPPER.readTree(out);
    }

    /** Bad input: exit code 2, one line on stderr starting {@code ablate: } and containing {@code fragment}, no trace. */
    public CliRun assertOneLineError(String fragment) {
        assertThat(code).as(err).isEqualTo(2);
        assertThat(err.lines()).singleElement().asString().startsWith("ablate: ").contains(fragment);
        assertThat(err).doesNotContain("\tat ");
        return this;
    }
}
