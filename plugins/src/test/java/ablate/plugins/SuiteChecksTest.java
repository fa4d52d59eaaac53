package ablate.plugins;

import ablate.harness.UserError;
import ablate.harness.cli.CliRun;
import ablate.harness.discovery.PluginRegistry;
import ablate.harness.suite.Suite;
import ablate.harness.suite.SuiteLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The built-in plugins' declarations (ignored slots, parameter rules) stop a bad suite at load, with file:line:key. */
class SuiteChecksTest {
    static final String SUITE = """
            name: checks
            task: classification
            dataset: {name: fashion-mnist, source: embedded, train: 100, test: 50}
            model: {id: model.resnet-mini, depth: 8, width: 8}
            baseline:
              attention: attention.none
            variants:
              se: {attention: {id: attention.se, reduction: 4}}
            seeds: [1]
            budget: {epochs: 1, batch: 32}
            """;

    @TempDir
    Path dir;

    Path write(String yaml) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    Suite load(String yaml) throws IOException {
        return new SuiteLoader(PluginRegistry.discover()).load(write(yaml));
    }

    void assertError(String yaml, String... fragments) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments).doesNotContain("\n"));
    }

    @Test
    void theSuiteAsWrittenLoads() throws IOException {
        assertThat(load(SUITE).variants()).hasSize(1);
    }

    @Test
    void aSlotTheModelIgnoresIsAnError() throws Exception {
        assertError(SUITE.replace("model.resnet-mini, depth: 8, width: 8", "model.lenet5"),
                "s.yaml:8: variants.se.attention: 'model.lenet5' (slot model) ignores the attention slot, so "
                        + "'attention.se' would change nothing");
        assertError(SUITE.replace("model.resnet-mini, depth: 8, width: 8", "model.mlp")
                        .replace("attention: attention.none", "attention: attention.simam"),
                "s.yaml:6: baseline.attention: 'model.mlp' (slot model) ignores the attention slot");
        // Same through the CLI: exit 2, one line.
        Path f = write(SUITE.replace("model.resnet-mini, depth: 8, width: 8", "model.mlp"));
        CliRun.of("run", f.toString(), "--quiet").assertOneLineError("variants.se.attention: 'model.mlp'");
    }

    @Test
    void aVariantThatChangesTheModelItselfIsAFairComparison() throws IOException {
        // The baseline uses SE in a ResNet; the variant swaps in LeNet-5, which has no place for it: allowed.
        Suite s = load(SUITE.replace("attention: attention.none", "attention: attention.se")
                .replace("se: {attention: {id: attention.se, reduction: 4}}", "lenet: {model: model.lenet5}"));
        assertThat(s.variants()).singleElement().extracting(Suite.VariantSpec::name).isEqualTo("lenet");
        // The default (attention.none) beside LeNet-5 is no promise of an effect: allowed too.
        load(SUITE.replace("model.resnet-mini, depth: 8, width: 8", "model.lenet5")
                .replace("se: {attention: {id: attention.se, reduction: 4}}", "tanh: {model: {id: model.lenet5, activation: tanh}}"));
    }

    @Test
    void parameterRulesAreCheckedAtLoad() {
        assertError(SUITE.replace("{id: attention.se, reduction: 4}", "{id: attention.cbam, kernel: 4}"),
                "s.yaml:8: variants.se.attention.kernel: parameter 'kernel' must be odd, got 4");
        assertError(SUITE.replace("{id: attention.se, reduction: 4}", "{id: attention.cbam, kernel: [3, 6]}"),
                "s.yaml:8: variants.se.attention.kernel: parameter 'kernel' must be odd, got 6");
        assertError(SUITE.replace("{id: attention.se, reduction: 4}", "{id: attention.eca, kernel: 2}"),
                "variants.se.attention.kernel: parameter 'kernel' must be odd or 0, got 2");
        assertThat(CliRun.of("describe", "attention.cbam").out()).contains("[1, 15], must be odd");
        assertError(SUITE.replace("model.resnet-mini, depth: 8, width: 8", "model.mlp, hidden: '64,x'")
                        .replace("se: {attention: {id: attention.se, reduction: 4}}", "wide: {model: {id: model.mlp, hidden: '128'}}"),
                "s.yaml:4: model.hidden: parameter 'hidden' must list layer sizes");
    }

    @Test
    void anExplicitDataDirWithoutTheFilesIsAnError() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path f = write(SUITE.replace("source: embedded", "source: auto"));
        CliRun.of("run", f.toString(), "--quiet", "--data-dir", empty.toString(), "--out", dir.resolve("out").toString())
                .assertOneLineError("--data-dir " + empty + ": no Fashion-MNIST files")
                .assertOneLineError("train-images-idx3-ubyte(.gz)");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void everyShippedSuiteStillLoads() throws IOException {
        try (Stream<Path> suites = Files.list(Path.of("..", "suites"))) {
            for (Path suite : suites.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                new SuiteLoader(PluginRegistry.discover()).load(suite);
            }
        }
    }
}
