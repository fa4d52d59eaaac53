package ablate.harness.spi;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/**
 * A group of plugins (and tasks). Subclasses call {@link #plugin} and {@link #task} in {@link #register()}
 * and are listed in {@code META-INF/services/ablate.harness.spi.PluginModule}; the harness finds them with
 * {@link java.util.ServiceLoader} and collects the bindings through Guice multibinders.
 */
public abstract class PluginModule extends AbstractModule {
    private Multibinder<Plugin> plugins;
    private Multibinder<Task> tasks;

    @Override
    protected final void configure() {
        plugins = Multibinder.newSetBinder(binder(), Plugin.class);
        tasks = Multibinder.newSetBinder(binder(), Task.class);
        register();
    }

    /** Registers this group's plugins and tasks. */
    protected abstract void register();

    protected final void plugin(Class<? extends Plugin> type) {
        plugins.addBinding().to(type);
    }

    protected final void task(Class<? extends Task> type) {
        tasks.addBinding().to(type);
    }
}
