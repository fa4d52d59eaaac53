package ablate.plugins;

import ablate.harness.cli.Main;
import ablate.harness.spi.Plugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ablate new-plugin} writes a plugin, module, registration and test that compile and are discovered. */
class NewPluginScaffoldTest {
    @TempDir
    Path module;

    @Test
    void scaffoldCompilesAndRegistersTheAttentionPlugin() throws Exception {
        int code = Main.execute("new-plugin", "--slot", "attention", "--name", "gated-pool-x", "--module-dir", module.toString());
        assertThat(code).isZero();
        Path pkg = module.resolve("src/main/java/ablate/plugins/attention");
        assertThat(pkg.resolve("GatedPoolXPlugin.java")).exists();
        assertThat(pkg.resolve("GatedPoolXModule.java")).exists();
        assertThat(module.resolve("src/test/java/ablate/plugins/attention/GatedPoolXPluginTest.java")).exists();
        assertThat(Files.readString(module.resolve("src/main/resources/META-INF/services/ablate.harness.spi.PluginModule")))
                .isEqualTo("ablate.plugins.attention.GatedPoolXModule\n");

        Path classes = module.resolve("classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> sources = Files.walk(module.resolve("src"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        assertThat(javac.run(null, null, errors, args.toArray(String[]::new))).as(errors.toString()).isZero();

        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, getClass().getClassLoader())) {
            Plugin plugin = (Plugin) loader.loadClass("ablate.plugins.attention.GatedPoolXPlugin")
                    .getDeclaredConstructor().newInstance();
            assertThat(plugin.id()).isEqualTo("attention.gated-pool-x");
            assertThat(plugin.info().slot()).isEqualTo("attention");
        }
    }

    @Test
    void unknownSlotIsAOneLineError() {
        assertThat(Main.execute("new-plugin", "--slot", "atention", "--name", "x", "--module-dir", module.toString()))
                .isEqualTo(2);
    }
}
