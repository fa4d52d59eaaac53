package ablate.plugins.bench;

import ablate.harness.cli.Main;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {
    record Result(int code, String out, String err) {
    }

    private static Result bench(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.execute(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void trainPrintsOneJsonObjectWithTheThroughput() throws Exception {
        Result r = bench("bench", "train", "--model", "tiny", "--batch", "2", "--steps", "3", "--warmup", "1",
                "--threads", "1", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("mode").asText()).isEqualTo("train");
        assertThat(json.get("model").asText()).isEqualTo("tiny");
        assertThat(json.get("batch").asInt()).isEqualTo(2);
        assertThat(json.get("steps").asInt()).isEqualTo(3);
        double ms = json.get("msPerStep").asDouble();
        assertThat(ms).isPositive();
        assertThat(json.get("imagesPerSecond").asDouble()).isCloseTo(2 * 1000 / ms, org.assertj.core.data.Percentage.withPercentage(1e-6));
        assertThat(json.get("engine").asText()).startsWith("PyTorch");
    }

    @Test
    void inferPrintsTheThroughputAsText() {
        Result r = bench("bench", "infer", "--model", "tiny", "--batch", "3", "--steps", "2", "--warmup", "0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("infer tiny, batch 3").containsPattern("imagesPerSecond: [0-9.]+")
                .containsPattern("msPerStep: [0-9.]+");
    }

    @Test
    void anUnknownModelIsAUserError() {
        Result r = bench("bench", "train", "--model", "resnet50");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--model must be one of resnet20, tiny, got 'resnet50'");
    }

    @Test
    void aZeroBatchIsAUserError() {
        Result r = bench("bench", "infer", "--batch", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--batch and --steps must be at least 1");
    }
}
