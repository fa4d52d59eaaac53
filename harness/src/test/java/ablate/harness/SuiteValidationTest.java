package ablate.harness;

import ablate.harness.discovery.PluginRegistry;
import ablate.harness.suite.Suite;
import ablate.harness.suite.SuiteLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteValidationTest {
    static final String GOOD = """
            name: toy-suite
            task: toy
            dataset: {name: toy-data}
            baseline:
              behaviour: toy.steady
            variants:
              boosted:
                behaviour: {id: toy.steady, gain: [0.1, 0.2]}
            seeds: [1, 2]
            budget: {epochs: 2, batch: 8, lr: 0.1}
            timeout: 2s
            """;

    @TempDir
    Path dir;
    final PluginRegistry registry = PluginRegistry.discover();

    Suite load(String yaml) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        return new SuiteLoader(registry).load(f);
    }

    void assertError(String yaml, String... fragments) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments).doesNotContain("\n"));
    }

    @Test
    void readsAGoodSuite() throws IOException {
        Suite s = load(GOOD);
        assertThat(s.name()).isEqualTo("toy-suite");
        assertThat(s.seeds()).containsExactly(1L, 2L);
        assertThat(s.budget().epochs()).isEqualTo(2);
        assertThat(s.timeout().toMillis()).isEqualTo(2000);
        assertThat(s.variants()).singleElement().satisfies(v ->
                assertThat(v.overrides().get("behaviour").params().get("gain")).isEqualTo(java.util.List.of(0.1, 0.2)));
    }

    @Test
    void malformedYamlNamesFileAndLine() {
        assertError("task: toy\ndataset: [unclosed\n", "s.yaml:", "malformed YAML");
    }

    @Test
    void unknownPluginSuggestsNearestWithLine() {
        assertError(GOOD.replace("behaviour: toy.steady\n", "behaviour: toy.stedy\n"),
                "s.yaml:5:", "baseline.behaviour", "unknown plugin 'toy.stedy'", "did you mean 'toy.steady'?");
    }

    @Test
    void unknownParameterSuggestsNearest() {
        assertError(GOOD.replace("gain: [0.1, 0.2]", "gian: 0.1"),
                "s.yaml:8:", "variants.boosted.behaviour.gian", "did you mean 'gain'?");
    }

    @Test
    void wrongParameterTypeIsNamed() {
        assertError(GOOD.replace("gain: [0.1, 0.2]", "gain: high"), "s.yaml:8:", "'gain' must be a number, got 'high'");
        assertError(GOOD.replace("gain: [0.1, 0.2]", "gain: 0.1, width: 2.5"), "'width' must be an integer");
        assertError(GOOD.replace("gain: [0.1, 0.2]", "gain: 7"), "'gain' = 7.0 is outside [-1.0, 1.0]");
    }

    @Test
    void unknownKeysTaskSlotAndDatasetAreNamed() {
        assertError(GOOD.replace("seeds:", "sedes:"), "s.yaml:9:", "unknown key 'sedes'", "did you mean 'seeds'?");
        assertError(GOOD.replace("task: toy", "task: toi"), "s.yaml:2:", "unknown task 'toi'", "did you mean 'toy'?");
        assertError(GOOD.replace("  behaviour: toy.steady", "  behavior: toy.steady"), "unknown slot 'behavior'",
                "did you mean 'behaviour'?");
        assertError(GOOD.replace("name: toy-data", "name: mnist"), "has no dataset 'mnist'");
        assertError(GOOD.replace("epochs: 2", "epochs: two"), "budget.epochs", "must be an integer");
        assertError(GOOD.replace("timeout: 2s", "timeout: soon"), "timeout must look like");
    }

    @Test
    void missingFileIsOneLine() {
        assertThatThrownBy(() -> new SuiteLoader(registry).load(dir.resolve("nope.yaml")))
                .isInstanceOf(UserError.class).hasMessageEndingWith("nope.yaml: no such suite file");
    }
}
