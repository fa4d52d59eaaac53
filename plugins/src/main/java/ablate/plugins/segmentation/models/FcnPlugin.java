package ablate.plugins.segmentation.models;

import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.segmentation.SegmentationModelPlugin;
import ai.djl.nn.Block;

import java.util.function.IntFunction;

/**
 * {@code model.fcn}: the U-Net's encoder–decoder without skip connections, an FCN-style baseline that shows what
 * the skips are worth (fine detail must then survive the bottleneck).
 */
public final class FcnPlugin implements SegmentationModelPlugin {
    static final PluginInfo INFO = PluginInfo.of("model.fcn", "model",
            "Encoder/decoder without skip connections (FCN-style baseline for the U-Net)",
            "J. Long, E. Shelhamer, T. Darrell. Fully Convolutional Networks for Semantic Segmentation. CVPR 2015",
            null, UNetPlugin.DEPTH, UNetPlugin.WIDTH);

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Block create(int channels, int classes, IntFunction<Block> attention, Params params) {
        return new UNet(params.getInt("depth"), params.getInt("width"), classes, false, attention);
    }
}
