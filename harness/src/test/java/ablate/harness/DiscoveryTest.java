package ablate.harness;

import ablate.harness.discovery.PluginRegistry;
import ablate.harness.testplugins.ToyBehaviour;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiscoveryTest {
    @Test
    void findsTaskAndPluginsThatExistOnlyOnTheTestClasspath() {
        PluginRegistry registry = PluginRegistry.discover();
        assertThat(registry.task("toy").slots()).extracting(s -> s.name()).containsExactly("behaviour");
        assertThat(registry.plugin("toy.steady")).isInstanceOf(ToyBehaviour.Steady.class);
        assertThat(registry.idsForSlot("behaviour"))
                .containsExactlyInAnyOrder("toy.steady", "toy.throws", "toy.nan", "toy.hangs", "toy.slow",
                        "toy.segfault", "toy.hangs-hard", "toy.heap-hog", "toy.native-hog", "toy.allocates");
    }

    @Test
    void unknownIdSuggestsTheNearest() {
        PluginRegistry registry = PluginRegistry.discover();
        assertThatThrownBy(() -> registry.plugin("toy.stedy"))
                .isInstanceOf(UserError.class).hasMessageContaining("did you mean 'toy.steady'?");
    }
}
