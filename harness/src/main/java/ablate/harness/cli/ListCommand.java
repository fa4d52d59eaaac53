package ablate.harness.cli;

import ablate.harness.discovery.PluginRegistry;
import ablate.harness.spi.Param;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.PluginInfo;
import ablate.harness.spi.Task;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code ablate list}: every task and plugin found on the classpath. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists the tasks and plugins found on the classpath (by discovery, nothing is hard-wired).", ""})
public final class ListCommand implements Callable<Integer>, Subcommand {

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--slot", paramLabel = "SLOT", description = "Only plugins of this slot (e.g. attention).")
    String slot;

    @Override
    public Integer call() throws Exception {
        PluginRegistry registry = PluginRegistry.discover();
        List<Plugin> plugins = registry.plugins().stream()
                .filter(p -> slot == null || p.info().slot().equals(slot)).toList();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            List<Map<String, Object>> tasks = new ArrayList<>();
            for (Task t : registry.tasks()) {
                tasks.add(taskMap(t));
            }
            doc.put("tasks", tasks);
            doc.put("plugins", plugins.stream().map(p -> pluginMap(p.info())).toList());
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            return 0;
        }
        System.out.println("TASKS");
        for (Task t : registry.tasks()) {
            System.out.printf("  %-18s %s (slots: %s)%n", t.id(), t.summary(),
                    t.slots().stream().map(s -> s.name()).collect(Collectors.joining(", ")));
        }
        System.out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"PLUGIN", "SLOT", "PARAMETERS (defaults)", "SUMMARY"});
        for (Plugin p : plugins) {
            PluginInfo i = p.info();
            String params = i.params().stream().map(x -> x.name() + "=" + x.defaultValue()).collect(Collectors.joining(" "));
            rows.add(new String[]{i.id(), i.slot(), params.isEmpty() ? "-" : params, i.summary()});
        }
        int[] width = new int[3];
        for (String[] r : rows) {
            for (int c = 0; c < width.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        String format = "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %s%n";
        rows.forEach(r -> System.out.printf(format, (Object[]) r));
        System.out.println();
        System.out.println(plugins.size() + " plugins. 'ablate describe ID' shows parameters, claim and citation.");
        return 0;
    }

    static Map<String, Object> taskMap(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("summary", t.summary());
        m.put("datasets", t.datasets());
        m.put("primaryMetric", t.primaryMetric());
        m.put("slots", t.slots().stream().map(s -> Map.of("name", s.name(), "default", s.defaultPlugin(),
                "help", s.help())).toList());
        return m;
    }

    static Map<String, Object> pluginMap(PluginInfo i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("slot", i.slot());
        m.put("family", i.family());
        m.put("summary", i.summary());
        List<Map<String, Object>> params = new ArrayList<>();
        for (Param p : i.params()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("type", p.type().name().toLowerCase());
            pm.put("default", p.defaultValue());
            pm.put("domain", p.domain());
            pm.put("help", p.help());
            params.add(pm);
        }
        m.put("params", params);
        m.put("citation", i.citation());
        if (i.claim() != null) {
            m.put("claim", Map.of("metric", i.claim().metric(), "direction", i.claim().direction().name().toLowerCase(),
                    "text", i.claim().text()));
        }
        return m;
    }
}
