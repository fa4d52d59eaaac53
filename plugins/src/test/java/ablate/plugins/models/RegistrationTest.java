package ablate.plugins.models;

import ablate.harness.spi.Plugin;
import ablate.harness.spi.PluginModule;
import ablate.plugins.attention.AttentionModule;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationTest {
    @Test
    void serviceLoaderFindsBothModulesAndGuiceBindsTheirPlugins() {
        List<PluginModule> modules = ServiceLoader.load(PluginModule.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(m -> m instanceof ModelsModule || m instanceof AttentionModule)
                .toList();
        assertThat(modules).hasSize(2);
        Set<Plugin> plugins = Guice.createInjector(modules).getInstance(Key.get(new TypeLiteral<Set<Plugin>>() { }));
        assertThat(plugins.stream().map(Plugin::id).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                "model.mlp", "model.lenet5", "model.resnet-mini",
                "attention.none", "attention.se", "attention.cbam", "attention.eca", "attention.simam", "attention.scse");
    }
}
