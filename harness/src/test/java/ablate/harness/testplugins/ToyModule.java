package ablate.harness.testplugins;

import ablate.harness.spi.PluginModule;

/** Registered only in the test classpath's META-INF/services: discovery must find it with no harness change. */
public final class ToyModule extends PluginModule {
    @Override
    protected void register() {
        task(ToyTask.class);
        plugin(ToyBehaviour.Steady.class);
        plugin(ToyBehaviour.Throws.class);
        plugin(ToyBehaviour.Diverges.class);
        plugin(ToyBehaviour.Hangs.class);
        plugin(ToyBehaviour.Slow.class);
        plugin(ToyBehaviour.Segfault.class);
        plugin(ToyBehaviour.HangsHard.class);
        plugin(ToyBehaviour.HeapHog.class);
        plugin(ToyBehaviour.NativeHog.class);
        plugin(ToyBehaviour.Allocates.class);
    }
}
