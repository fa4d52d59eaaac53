package ablate.plugins.finetuning;

import ablate.harness.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Through the CLI: an adaptation that cannot apply to the backbone is one line and exit 2, before anything trains. */
class FineTuningSuiteChecksTest {
    static final String SUITE = """
            name: peft-checks
            task: fine-tuning
            dataset: {name: fashion-mnist, source: embedded}
            baseline:
              backbone: {id: backbone.vit-tiny, dim: 16, depth: 1, heads: 2}
              adaptation: adaptation.full
            variants:
              lora: {adaptation: {id: adaptation.lora, rank: 4, targets: "query,value"}}
            seeds: [1]
            budget: {epochs: 1, batch: 32}
            """;

    @TempDir
    Path dir;

    void assertRejected(String yaml, String fragment) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        Path out = dir.resolve("out");
        CliRun.of("run", f.toString(), "--quiet", "--out", out.toString()).assertOneLineError(fragment);
        assertThat(out).doesNotExist(); // stopped before any trial (or pretraining) ran
    }

    @Test
    void aTargetTheBackboneLacksARankAboveTheLayerAndAnInapplicableMethodStopTheRun() throws Exception {
        assertRejected(SUITE.replace("query,value", "query,attn"), "variant lora: adaptation.lora: target 'attn'"
                + " names no module of backbone.vit-tiny (its modules: query, key, value, out, fc1, fc2)");
        assertRejected(SUITE.replace("rank: 4", "rank: 17"), "adaptation.lora: rank 17 is larger than module 'query'"
                + " of backbone.vit-tiny (16 → 16) allows: at most 16");
        assertRejected(SUITE.replace("{id: backbone.vit-tiny, dim: 16, depth: 1, heads: 2}", "backbone.resnet-mini")
                .replace("lora: {adaptation: {id: adaptation.lora, rank: 4, targets: \"query,value\"}}",
                        "prompt: {adaptation: adaptation.prompt}"),
                "adaptation.prompt applies to no parameter of backbone.resnet-mini");
    }
}
