package ablate.plugins.superres.models;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.superres.SrModelPlugin;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * {@code sr.espcn}: ESPCN (Shi et al. 2016) on the low-resolution luma: 5×5 to 64 maps, 3×3 to 32, tanh after each,
 * 3×3 to scale² maps, then the sub-pixel convolution's periodic shuffle (PyTorch's {@code pixel_shuffle}): map
 * c = i·scale + j of low-resolution pixel (y, x) becomes output pixel (scale·y + i, scale·x + j).
 */
public final class Espcn implements SrModelPlugin {
    static final PluginInfo INFO = PluginInfo.of("sr.espcn", "model",
            "ESPCN: convolutions at low resolution, sub-pixel shuffle to scale x",
            "W. Shi et al. Real-Time Single Image and Video Super-Resolution Using an Efficient Sub-Pixel "
                    + "Convolutional Neural Network. CVPR 2016",
            Claim.raises("psnrY", "ESPCN beats bicubic and is close to SRCNN at a fraction of its inference time"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Block create(int scale, Params p) {
        return new SequentialBlock()
                .add(Srcnn.conv(5, 64)).add(Activation::tanh)
                .add(Srcnn.conv(3, 32)).add(Activation::tanh)
                .add(Srcnn.conv(3, scale * scale))
                .add(x -> new NDList(pixelShuffle(x.singletonOrThrow(), scale)));
    }

    /** (N, C·r², H, W) to (N, C, H·r, W·r), as {@code torch.nn.functional.pixel_shuffle}. */
    public static NDArray pixelShuffle(NDArray x, int r) {
        long n = x.getShape().get(0);
        long c = x.getShape().get(1) / ((long) r * r);
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        return x.reshape(n, c, r, r, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, c, h * r, w * r);
    }

    @Override
    public int receptiveField(int scale, Params p) {
        return 5 + 2 + 2;
    }

    @Override
    public int margin(int scale, Params p) {
        return 2 + 1 + 1;
    }
}
