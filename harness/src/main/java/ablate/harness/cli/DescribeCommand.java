package ablate.harness.cli;

import ablate.harness.discovery.PluginRegistry;
import ablate.harness.spi.Param;
import ablate.harness.spi.PluginInfo;
import ablate.harness.spi.SlotSpec;
import ablate.harness.spi.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code ablate describe ID}: a plugin's (or task's) parameters, defaults, claim and citation. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = {"Shows a plugin's parameters (type, default, range), its claim and citation; or a task's slots.", ""},
        footer = {"", "Exit codes: 0 success, 2 unknown plugin or task (one line, with the nearest names).",
                "Example: ablate describe attention.cbam"})
public final class DescribeCommand implements Callable<Integer>, Subcommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Plugin id (e.g. attention.se) or task id (e.g. classification).")
    String id;

    @Override
    public Integer call() {
        PluginRegistry registry = PluginRegistry.discover();
        Task task = registry.taskMap().get(id);
        if (task != null) {
            System.out.println(task.id() + " (task) — " + task.summary());
            System.out.println("  datasets: " + String.join(", ", task.datasets()));
            System.out.println("  primary metric: " + task.primaryMetric());
            System.out.println("  slots:");
            for (SlotSpec s : task.slots()) {
                System.out.printf("    %-14s default %-24s %s%n", s.name(), s.defaultPlugin(), s.help());
                System.out.println("      plugins: " + String.join(", ", registry.idsForSlot(s.name())));
            }
            return 0;
        }
        PluginInfo i = registry.plugin(id).info();
        System.out.println(i.id() + " — " + i.summary());
        System.out.println("  slot:     " + i.slot() + " (family " + i.family() + ")");
        if (i.params().isEmpty()) {
            System.out.println("  parameters: none");
        } else {
            System.out.println("  parameters:");
            for (Param p : i.params()) {
                System.out.printf("    %-14s %-7s default %-10s range %-16s %s%n", p.name(), p.type().name().toLowerCase(),
                        p.defaultValue(), p.domain(), p.help());
            }
        }
        if (i.claim() != null) {
            System.out.println("  claim:    " + i.claim().metric() + " " + (i.claim().direction().name().equals("HIGHER")
                    ? "higher" : "lower") + " than the baseline — " + i.claim().text());
        }
        if (!i.citation().isEmpty()) {
            System.out.println("  citation: " + i.citation());
        }
        return 0;
    }
}
