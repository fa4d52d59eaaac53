package ablate.harness.spi;

/**
 * An extension point of a task.
 *
 * @param name          slot name used in suite files (e.g. {@code attention})
 * @param type          the plugin interface that fills it
 * @param defaultPlugin plugin id used when a suite leaves the slot out
 * @param help          one line for {@code ablate describe}
 * @param addedLater    true for a slot added to a task after results of it existed: while a trial has the slot's
 *                      default plugin at its default parameters, the slot is left out of the trial's configuration
 *                      (what its id hashes), so those results keep their ids and {@code --resume} still finds them
 */
public record SlotSpec(String name, Class<? extends Plugin> type, String defaultPlugin, String help,
                       boolean addedLater) {
    public SlotSpec(String name, Class<? extends Plugin> type, String defaultPlugin, String help) {
        this(name, type, defaultPlugin, help, false);
    }
}
