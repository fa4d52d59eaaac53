package ablate.plugins.models;

import ablate.harness.spi.PluginModule;
import ai.djl.ndarray.types.Shape;

/** The classification backbones (slot {@code model}). */
public final class ModelsModule extends PluginModule {
    /** The slot every plugin of this group fills. */
    public static final String SLOT = "model";

    @Override
    protected void register() {
        plugin(MlpPlugin.class);
        plugin(LeNet5Plugin.class);
        plugin(ResNetMiniPlugin.class);
    }

    /** Checks a backbone's input (C, H, W), each side at least {@code minSide}, and its class count. */
    static void checkImage(String id, Shape imageShape, int minSide, int classes) {
        if (imageShape.dimension() != 3 || imageShape.get(0) < 1
                || imageShape.get(1) < minSide || imageShape.get(2) < minSide) {
            throw new IllegalArgumentException(id + " needs images (C, H, W) with H, W >= " + minSide
                    + ", got " + imageShape);
        }
        if (classes < 2) {
            throw new IllegalArgumentException(id + " needs at least 2 classes, got " + classes);
        }
    }
}
