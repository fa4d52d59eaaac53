package ablate.harness.spi;

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
}
