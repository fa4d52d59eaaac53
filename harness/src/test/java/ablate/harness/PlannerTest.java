package ablate.harness;

import ablate.harness.discovery.PluginRegistry;
import ablate.harness.plan.Plan;
import ablate.harness.plan.Planner;
import ablate.harness.plan.Trial;
import ablate.harness.suite.SuiteLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlannerTest {
    @TempDir
    Path dir;
    final PluginRegistry registry = PluginRegistry.discover();

    Plan plan(String yaml) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        return new Planner(registry).plan(new SuiteLoader(registry).load(f));
    }

    @Test
    void expandsSweepsAndSeedsWithStableContentIds() throws Exception {
        Plan p = plan(SuiteValidationTest.GOOD);
        assertThat(p.variants()).extracting(v -> v.name())
                .containsExactly("baseline", "boosted[gain=0.1]", "boosted[gain=0.2]");
        assertThat(p.trials()).hasSize(6);
        assertThat(p.trials()).extracting(Trial::id).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9a-f]{16}"));
        Plan again = plan(SuiteValidationTest.GOOD.replace("name: toy-suite", "name: renamed"));
        assertThat(again.trials()).extracting(Trial::id).isEqualTo(p.trials().stream().map(Trial::id).toList());
        Plan changed = plan(SuiteValidationTest.GOOD.replace("epochs: 2", "epochs: 3"));
        assertThat(changed.trials().get(0).id()).isNotEqualTo(p.trials().get(0).id());
        assertThat(p.variants().get(1).claims()).singleElement().satisfies(c -> assertThat(c.metric()).isEqualTo("score"));
        assertThat(p.trials().get(2).slots().get("behaviour").params().getDouble("gain")).isEqualTo(0.1);
    }

    @Test
    void sweptNumbersAreNamedAsAPersonWritesThemAndTheSuiteCarriesDirectionsAndDescription() throws Exception {
        Plan p = plan(SuiteValidationTest.GOOD.replace("gain: [0.1, 0.2]", "gain: [1e-4, 5.0e-4]")
                .replace("task: toy", "description: tiny gains against none\ntask: toy"));
        assertThat(p.variants()).extracting(v -> v.name())
                .containsExactly("baseline", "boosted[gain=1e-4]", "boosted[gain=0.0005]");
        assertThat(p.info().metrics()).containsEntry("score", ablate.results.Direction.HIGHER);
        assertThat(p.info().description()).isEqualTo("tiny gains against none");
    }

    @Test
    void identicalVariantsAreRejected() {
        String yaml = SuiteValidationTest.GOOD.replace("{id: toy.steady, gain: [0.1, 0.2]}", "toy.steady");
        assertThatThrownBy(() -> plan(yaml)).isInstanceOf(UserError.class)
                .hasMessageContaining("'baseline' and 'boosted' have the same configuration");
    }
}
