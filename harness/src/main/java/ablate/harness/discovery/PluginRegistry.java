package ablate.harness.discovery;

import ablate.harness.UserError;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.PluginModule;
import ablate.harness.spi.Task;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every plugin and task on the classpath: the {@link PluginModule}s that {@link ServiceLoader} finds, installed
 * into one Guice injector, whose multibindings are then indexed by id. The harness holds no list of plugins.
 */
public final class PluginRegistry {
    private final Map<String, Plugin> plugins = new TreeMap<>();
    private final Map<String, Task> tasks = new TreeMap<>();

    private PluginRegistry(Collection<Plugin> plugins, Collection<Task> tasks) {
        for (Plugin p : plugins) {
            Plugin clash = this.plugins.putIfAbsent(p.id(), p);
            if (clash != null && clash.getClass() != p.getClass()) {
                throw new IllegalStateException("plugin id '" + p.id() + "' is registered twice: "
                        + clash.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        for (Task t : tasks) {
            this.tasks.putIfAbsent(t.id(), t);
        }
    }

    /** Discovers the plugin modules visible to this class's class loader. */
    public static PluginRegistry discover() {
        return discover(PluginRegistry.class.getClassLoader());
    }

    public static PluginRegistry discover(ClassLoader loader) {
        List<PluginModule> modules = new ArrayList<>();
        ServiceLoader.load(PluginModule.class, loader).forEach(modules::add);
        Injector injector = Guice.createInjector(modules);
        return new PluginRegistry(setOf(injector, Plugin.class), setOf(injector, Task.class));
    }

    private static <T> Set<T> setOf(Injector injector, Class<T> type) {
        @SuppressWarnings("unchecked")
        Key<Set<T>> key = (Key<Set<T>>) Key.get(TypeLiteral.get(com.google.inject.util.Types.setOf(type)));
        return injector.getExistingBinding(key) == null ? Set.of() : injector.getInstance(key);
    }

    public Collection<Plugin> plugins() {
        return plugins.values();
    }

    public Collection<Task> tasks() {
        return tasks.values();
    }

    public Plugin plugin(String id) {
        Plugin p = plugins.get(id);
        if (p == null) {
            throw new UserError("unknown plugin '" + id + "'" + Suggestions.didYouMean(id, plugins.keySet())
                    + " (see 'ablate list')");
        }
        return p;
    }

    public boolean hasPlugin(String id) {
        return plugins.containsKey(id);
    }

    public Task task(String id) {
        Task t = tasks.get(id);
        if (t == null) {
            throw new UserError("unknown task '" + id + "'" + Suggestions.didYouMean(id, tasks.keySet()));
        }
        return t;
    }

    public Map<String, Task> taskMap() {
        return tasks;
    }

    /** Ids of plugins that fill the given slot. */
    public List<String> idsForSlot(String slot) {
        return plugins.values().stream().filter(p -> p.info().slot().equals(slot)).map(Plugin::id).toList();
    }
}
