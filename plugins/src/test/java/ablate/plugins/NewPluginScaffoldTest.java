package ablate.plugins;

import ablate.harness.cli.Main;
import ablate.harness.discovery.PluginRegistry;
import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

        Path classes = compile();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, getClass().getClassLoader())) {
            Plugin plugin = (Plugin) loader.loadClass("ablate.plugins.attention.GatedPoolXPlugin")
                    .getDeclaredConstructor().newInstance();
            assertThat(plugin.id()).isEqualTo("attention.gated-pool-x");
            assertThat(plugin.info().slot()).isEqualTo("attention");
        }
    }

    /**
     * docs/plugins.md's complete example, taken from the page itself, replaces the scaffold's plugin and compiles
     * with the module and test that {@code ablate new-plugin} generated: the walkthrough stays true as the SPI moves.
     */
    @Test
    void theDocumentedExampleCompilesWithTheGeneratedTest() throws Exception {
        String example = documentedExample();
        assertThat(example).contains("package ablate.plugins.attention;", "public final class GatedPoolPlugin ");

        assertThat(Main.execute("new-plugin", "--slot", "attention", "--name", "gated-pool", "--module-dir",
                module.toString())).isZero();
        Path plugin = module.resolve("src/main/java/ablate/plugins/attention/GatedPoolPlugin.java");
        Files.writeString(plugin, example);
        Path classes = compile();

        // With the scaffold's registration on the class path, discovery finds the documented plugin, as the
        // generated test (which discovers through the harness's own class loader) would in the plugins module.
        // (The class may come from the test sources' copy, which theTestSourcesCopyIsTheDocumentedExample keeps
        // identical; the module and its registration come from the scaffold.)
        URL[] path = {classes.toUri().toURL(), module.resolve("src/main/resources").toUri().toURL()};
        try (URLClassLoader loader = new URLClassLoader(path, getClass().getClassLoader())) {
            Plugin p = PluginRegistry.discover(loader).plugin("attention.gated-pool");
            assertThat(p.getClass().getName()).isEqualTo("ablate.plugins.attention.GatedPoolPlugin");
            assertThat(Params.defaults(p.info()).getInt("reduction")).isEqualTo(8);
            assertThat(loader.loadClass("ablate.plugins.attention.GatedPoolPluginTest")).isNotNull();
        }
    }

    /** GatedPoolPluginTest tests the block's behaviour on the copy in the test sources: it must be the page's code. */
    @Test
    void theTestSourcesCopyIsTheDocumentedExample() throws Exception {
        assertThat(Files.readString(Path.of("src/test/java/ablate/plugins/attention/GatedPoolPlugin.java")))
                .isEqualTo(documentedExample());
    }

    private static String documentedExample() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "plugins.md"));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?s)```java\\n(.*?)```").matcher(doc);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).as("Java examples in docs/plugins.md").hasSize(1);
        return blocks.get(0);
    }

    /** Compiles every Java file the scaffold wrote (plugin, module, test) against the test classpath. */
    private Path compile() throws Exception {
        Path classes = module.resolve("classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> sources = Files.walk(module.resolve("src"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, errors, args.toArray(String[]::new)))
                .as(errors.toString()).isZero();
        return classes;
    }

    @Test
    void unknownSlotIsAOneLineError() {
        assertThat(Main.execute("new-plugin", "--slot", "atention", "--name", "x", "--module-dir", module.toString()))
                .isEqualTo(2);
    }

    @Test
    void aSlotNameSharedByTasksNeedsTheTask() {
        assertThat(Main.execute("new-plugin", "--slot", "loss", "--name", "x", "--module-dir", module.toString()))
                .isEqualTo(2);
        assertThat(Main.execute("new-plugin", "--task", "segmentaton", "--slot", "loss", "--name", "x",
                "--module-dir", module.toString())).isEqualTo(2);
        assertThat(module.resolve("src")).doesNotExist();
        assertThat(Main.execute("new-plugin", "--task", "segmentation", "--slot", "loss", "--name", "x",
                "--module-dir", module.toString())).isZero();
        assertThat(module.resolve("src/main/java/ablate/plugins/loss/XPlugin.java"))
                .content().contains("implements ablate.plugins.segmentation.SegmentationLossPlugin");
    }
}
