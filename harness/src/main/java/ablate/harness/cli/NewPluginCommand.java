package ablate.harness.cli;

import ablate.harness.UserError;
import ablate.harness.discovery.PluginRegistry;
import ablate.harness.discovery.Suggestions;
import ablate.harness.spi.SlotSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code ablate new-plugin}: writes a compiling plugin, its Guice module, its registration and its test. */
@Command(name = "new-plugin", mixinStandardHelpOptions = true,
        description = {"Scaffolds a plugin for a slot: the plugin class (with the slot interface's methods to fill in), "
                + "a PluginModule registering it, the META-INF/services line and a unit test. It compiles and its test "
                + "passes as generated; then write the technique and its claim.", ""},
        footer = {"", "Example: ablate new-plugin --slot attention --name gated-pool",
                "  (ablate new-plugin --task segmentation --slot loss --name my-loss: a slot name several tasks share)",
                "  writes plugins/src/main/java/ablate/plugins/attention/GatedPoolPlugin.java (id attention.gated-pool)",
                "  and plugins/src/test/java/ablate/plugins/attention/GatedPoolPluginTest.java",
                "", "Exit codes: 0 written, 2 bad input (unknown slot, bad name, existing plugin or file)."})
public final class NewPluginCommand implements Callable<Integer>, Subcommand {

    @Option(names = "--slot", required = true, paramLabel = "SLOT", description = "Slot to fill (see 'ablate describe TASK').")
    String slot;

    @Option(names = "--task", paramLabel = "TASK",
            description = "Task whose slot to fill, needed when tasks share the slot's name with different interfaces "
                    + "(e.g. 'loss' in classification, segmentation and super-resolution).")
    String task;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Plugin name, lower-case with hyphens; the id is SLOT.NAME.")
    String name;

    @Option(names = "--module-dir", paramLabel = "DIR", defaultValue = "plugins",
            description = "Maven module to write into (default: ${DEFAULT-VALUE}).")
    Path moduleDir;

    @Override
    public Integer call() throws IOException {
        if (!name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new UserError("--name must be lower-case words joined by hyphens (e.g. gated-pool), got '" + name + "'");
        }
        PluginRegistry registry = PluginRegistry.discover();
        SlotSpec spec = slotSpec(registry);
        String id = slot + "." + name;
        if (registry.hasPlugin(id)) {
            throw new UserError("plugin '" + id + "' already exists");
        }
        String cls = Arrays.stream(name.split("-")).map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                .collect(Collectors.joining()) + "Plugin";
        String pkg = "ablate.plugins." + slot.replaceAll("[^a-z0-9]", "");
        Path main = moduleDir.resolve("src/main/java").resolve(pkg.replace('.', '/'));
        Path test = moduleDir.resolve("src/test/java").resolve(pkg.replace('.', '/'));
        Path services = moduleDir.resolve("src/main/resources/META-INF/services/ablate.harness.spi.PluginModule");
        String module = cls.replaceFirst("Plugin$", "Module");
        List<Path> written = new ArrayList<>();
        written.add(create(main.resolve(cls + ".java"), pluginSource(pkg, cls, id, spec)));
        written.add(create(main.resolve(module + ".java"), moduleSource(pkg, module, cls)));
        written.add(create(test.resolve(cls + "Test.java"), testSource(pkg, cls, id)));
        Files.createDirectories(services.getParent());
        Files.writeString(services, pkg + "." + module + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        written.add(services);
        written.forEach(p -> System.out.println("wrote " + p));
        System.out.println("Next: implement " + cls + ", then 'mvn -pl " + moduleDir + " -am test -Dtest=" + cls
                + "Test' and 'ablate describe " + id + "'. See docs/plugins.md.");
        return 0;
    }

    /**
     * The slot to fill. Several tasks may name a slot alike ('model', 'loss') with different plugin interfaces; a
     * scaffold for the wrong interface would compile against the wrong task, so an ambiguous name needs --task.
     */
    private SlotSpec slotSpec(PluginRegistry registry) {
        Map<String, Map<String, SlotSpec>> byName = new LinkedHashMap<>();
        registry.tasks().stream().filter(t -> task == null || t.id().equals(task)).forEach(t -> t.slots()
                .forEach(s -> byName.computeIfAbsent(s.name(), k -> new LinkedHashMap<>()).put(t.id(), s)));
        if (task != null && byName.isEmpty()) {
            List<String> tasks = registry.tasks().stream().map(t -> t.id()).toList();
            throw new UserError("unknown task '" + task + "'" + Suggestions.didYouMean(task, tasks)
                    + " (tasks: " + String.join(", ", tasks) + ")");
        }
        Map<String, SlotSpec> owners = byName.get(slot);
        if (owners == null) {
            throw new UserError("unknown slot '" + slot + "'" + (task == null ? "" : " in task '" + task + "'")
                    + Suggestions.didYouMean(slot, byName.keySet()) + " (slots: " + String.join(", ", byName.keySet()) + ")");
        }
        if (owners.values().stream().map(SlotSpec::type).distinct().count() > 1) {
            throw new UserError("slot '" + slot + "' belongs to several tasks (" + String.join(", ", owners.keySet())
                    + "): add --task TASK");
        }
        return owners.values().iterator().next();
    }

    private static Path create(Path file, String text) throws IOException {
        if (Files.exists(file)) {
            throw new UserError(file + " already exists");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    static String pluginSource(String pkg, String cls, String id, SlotSpec spec) {
        StringBuilder methods = new StringBuilder();
        for (Method m : spec.type().getMethods()) {
            if (!Modifier.isAbstract(m.getModifiers()) || m.getName().equals("info")) {
                continue;
            }
            String params = Arrays.stream(m.getParameters()).map(NewPluginCommand::declare)
                    .collect(Collectors.joining(", "));
            methods.append("""

                        @Override
                        public %s %s(%s) {
                            // TODO: the technique itself; read parameters with params.getInt("size") etc.
                            throw new UnsupportedOperationException("%s is not implemented yet");
                        }
                    """.formatted(m.getGenericReturnType().getTypeName(), m.getName(), params, id));
        }
        return """
                package %s;

                import ablate.harness.spi.Claim;
                import ablate.harness.spi.Param;
                import ablate.harness.spi.PluginInfo;

                /** TODO: one line on what this technique does. */
                public final class %s %s %s {
                    private static final PluginInfo INFO = PluginInfo.of("%s", "%s",
                            "TODO: one-line summary",
                            "TODO: authors, title, venue, year",
                            Claim.raises("%s", "TODO: what the paper claims, with its numbers and setting"),
                            Param.integer("size", 16, 1, 1024, "TODO: what this parameter controls"));

                    @Override
                    public PluginInfo info() {
                        return INFO;
                    }
                %s}
                """.formatted(pkg, cls, spec.type().isInterface() ? "implements" : "extends", spec.type().getName(), id,
                spec.name(), "accuracy", methods);
    }

    private static String declare(Parameter p) {
        return p.getParameterizedType().getTypeName() + " " + p.getName();
    }

    static String moduleSource(String pkg, String module, String cls) {
        return """
                package %s;

                import ablate.harness.spi.PluginModule;

                /** Registers {@link %s}; listed in META-INF/services/ablate.harness.spi.PluginModule. */
                public final class %s extends PluginModule {
                    @Override
                    protected void register() {
                        plugin(%s.class);
                    }
                }
                """.formatted(pkg, cls, module, cls);
    }

    static String testSource(String pkg, String cls, String id) {
        return """
                package %s;

                import ablate.harness.discovery.PluginRegistry;
                import ablate.harness.spi.Param;
                import org.junit.jupiter.api.Test;

                import static org.assertj.core.api.Assertions.assertThat;

                class %sTest {
                    @Test
                    void isDiscoveredWithValidDefaults() {
                        var plugin = PluginRegistry.discover().plugin("%s");
                        assertThat(plugin).isInstanceOf(%s.class);
                        for (Param p : plugin.info().params()) {   // each default passes its own type, range and rule
                            assertThat(p.coerce(p.defaultValue())).as(p.name()).isEqualTo(p.defaultValue());
                        }
                    }

                    // TODO: test the technique: output shape, parameter count, one behaviour you can compute by hand.
                }
                """.formatted(pkg, cls, id, cls);
    }
}
