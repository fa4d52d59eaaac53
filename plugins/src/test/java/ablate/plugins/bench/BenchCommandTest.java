package ablate.plugins.bench;

import ablate.harness.cli.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {
    @Test
    void trainPrintsOneJsonObjectWithTheThroughput() throws Exception {
        CliRun r = CliRun.of("bench", "train", "--model", "tiny", "--batch", "2", "--steps", "3", "--warmup", "1",
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
        CliRun r = CliRun.of("bench", "infer", "--model", "tiny", "--batch", "3", "--steps", "2", "--warmup", "0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("infer tiny, batch 3").containsPattern("imagesPerSecond: [0-9.]+")
                .containsPattern("msPerStep: [0-9.]+");
    }

    @Test
    void anUnknownModelIsAUserError() {
        CliRun r = CliRun.of("bench", "train", "--model", "resnet50");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--model must be one of resnet20, tiny, got 'resnet50'");
    }

    @Test
    void aZeroBatchIsAUserError() {
        CliRun r = CliRun.of("bench", "infer", "--batch", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--batch and --steps must be at least 1");
    }
}
