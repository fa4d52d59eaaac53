package ablate.plugins.classification;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ai.djl.nn.Block;

/** Slot {@code attention}: a block that reweights a feature map, (N, C, H, W) to the same shape. */
public interface AttentionPlugin extends Plugin {
    Block create(int channels, Params params);
}
