package ablate.plugins.detection;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.PluginModule;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionModuleTest {
    @Test
    void isFoundByServiceLoader() {
        List<String> modules = ServiceLoader.load(PluginModule.class).stream().map(p -> p.type().getName()).toList();
        assertThat(modules).contains(DetectionModule.class.getName());
    }

    @Test
    void bindsTheSixPostprocessorsWithTheirDefaults() {
        Set<Plugin> plugins = Guice.createInjector(new DetectionModule()).getInstance(Key.get(new TypeLiteral<Set<Plugin>>() {
        }));
        assertThat(plugins).extracting(Plugin::id).containsExactlyInAnyOrder("postprocess.greedy",
                "postprocess.soft-nms-linear", "postprocess.soft-nms-gaussian", "postprocess.diou",
                "postprocess.weighted", "postprocess.matrix");
        for (Plugin p : plugins) {
            assertThat(p).isInstanceOf(PostprocessPlugin.class);
            assertThat(p.info().slot()).isEqualTo(PostprocessPlugin.SLOT);
            assertThat(p.info().citation()).isNotBlank();
            assertThat(Params.defaults(p.info()).getInt("boxOffset")).isZero();
        }
        Plugin linear = plugins.stream().filter(p -> p.id().equals("postprocess.soft-nms-linear")).findFirst().orElseThrow();
        Params defaults = Params.defaults(linear.info());
        assertThat(defaults.getDouble("iouThreshold")).isEqualTo(0.3);
        assertThat(defaults.getDouble("scoreThreshold")).isEqualTo(0.001);
        assertThat(linear.info().claim().metric()).isEqualTo("mAP");
        assertThat(linear.info().claim().direction()).isEqualTo(Claim.Direction.HIGHER);
        Plugin gaussian = plugins.stream().filter(p -> p.id().equals("postprocess.soft-nms-gaussian")).findFirst().orElseThrow();
        assertThat(Params.defaults(gaussian.info()).getDouble("sigma")).isEqualTo(0.5);
        assertThat(gaussian.info().claim()).isNotNull();
        Plugin greedy = plugins.stream().filter(p -> p.id().equals("postprocess.greedy")).findFirst().orElseThrow();
        assertThat(Params.defaults(greedy.info()).getDouble("iouThreshold")).isEqualTo(0.5);
    }
}
