package ablate.plugins.segmentation.models;

import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.segmentation.SegmentationModelPlugin;
import ai.djl.nn.Block;

import java.util.function.IntFunction;

/** {@code model.unet}: the small U-Net of {@link UNet}, with skip connections. */
public final class UNetPlugin implements SegmentationModelPlugin {
    static final Param DEPTH = Param.integer("depth", 3, 1, 5, "poolings (encoder blocks); H and W divisible by 2^depth");
    static final Param WIDTH = Param.integer("width", 16, 2, 256, "channels of the first block; doubled at each level");
    static final PluginInfo INFO = PluginInfo.of("model.unet", "model",
            "Small U-Net: encoder/decoder with skip connections, attention after every block",
            "O. Ronneberger, P. Fischer, T. Brox. U-Net: Convolutional Networks for Biomedical Image Segmentation. "
                    + "MICCAI 2015", null, DEPTH, WIDTH);

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Block create(int channels, int classes, IntFunction<Block> attention, Params params) {
        return new UNet(params.getInt("depth"), params.getInt("width"), classes, true, attention);
    }
}
