package ablate.plugins.attention;

import ablate.harness.spi.PluginModule;

/** The attention plugins (slot {@code attention}). */
public final class AttentionModule extends PluginModule {
    /** The slot every plugin of this group fills. */
    public static final String SLOT = "attention";

    @Override
    protected void register() {
        plugin(NoAttentionPlugin.class);
        plugin(SePlugin.class);
        plugin(CbamPlugin.class);
        plugin(EcaPlugin.class);
        plugin(SimAmPlugin.class);
        plugin(ScsePlugin.class);
    }
}
