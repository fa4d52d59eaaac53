package ablate.harness.spi;

/**
 * An extension point of a task.
 *
 * @param name          slot name used in suite files (e.g. {@code attention})
 * @param type          the plugin interface that fills it
 * @param defaultPlugin plugin id used when a suite leaves the slot out
 * @param help          one line for {@code ablate describe}
 */
public record SlotSpec(String name, Class<? extends Plugin> type, String defaultPlugin, String help) {
}
