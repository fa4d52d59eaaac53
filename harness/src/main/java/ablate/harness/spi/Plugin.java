package ablate.harness.spi;

import java.util.Set;

/**
 * A technique that fills one slot of a task (an attention block, a loss, a post-processor, a model family).
 * Implementations are stateless factories: the task asks them for what it needs, passing resolved {@link Params}.
 * Register one through a {@link PluginModule}; the harness never lists plugins.
 */
public interface Plugin {
    PluginInfo info();

    default String id() {
        return info().id();
    }

    /**
     * Other slots of the task whose plugin this one never uses: e.g. a network without residual blocks has no
     * place for the {@code attention} slot's block. A suite that sets such a slot (to anything but its default)
     * beside this plugin fails at load, naming file, line and key: its variants would train identical models
     * and the report would compare noise.
     */
    default Set<String> ignoredSlots() {
        return Set.of();
    }
}
