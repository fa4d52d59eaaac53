package ablate.plugins.superres.models;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.superres.SrModelPlugin;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

/**
 * {@code sr.srcnn}: SRCNN (Dong et al. 2014/2016), three convolutions on the bicubic-upscaled luma — patch
 * extraction f1×f1 to n1 maps, non-linear mapping 1×1 to n2, reconstruction f3×f3 to one channel (9-1-5, 64/32 by
 * default), ReLU between. The paper uses "valid" convolutions on 33×33 sub-images; here they are zero-padded to keep
 * the size, so the whole image is restored (BasicSR-style re-implementations do the same).
 */
public final class Srcnn implements SrModelPlugin {
    static final PluginInfo INFO = PluginInfo.of("sr.srcnn", "model",
            "SRCNN 9-1-5 (64/32 channels) on the bicubic-upscaled luma",
            "C. Dong, C. C. Loy, K. He, X. Tang. Image Super-Resolution Using Deep Convolutional Networks. TPAMI 2016",
            Claim.raises("psnrY", "SRCNN beats bicubic: Set5 x3 PSNR 32.75 vs 30.39 dB"),
            Param.integer("f1", 9, 1, 15, "patch-extraction kernel").must("be odd", v -> (Integer) v % 2 == 1),
            Param.integer("f3", 5, 1, 15, "reconstruction kernel").must("be odd", v -> (Integer) v % 2 == 1),
            Param.integer("n1", 64, 1, 256, "feature maps of the first layer"),
            Param.integer("n2", 32, 1, 256, "feature maps of the mapping layer"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public boolean upsampledInput() {
        return true;
    }

    @Override
    public Block create(int scale, Params p) {
        int f1 = p.getInt("f1");
        int f3 = p.getInt("f3");
        return new SequentialBlock()
                .add(conv(f1, p.getInt("n1"))).add(Activation::relu)
                .add(conv(1, p.getInt("n2"))).add(Activation::relu)
                .add(conv(f3, 1));
    }

    static Conv2d conv(int k, int filters) {
        return Conv2d.builder().setKernelShape(new Shape(k, k)).optPadding(new Shape(k / 2, k / 2))
                .setFilters(filters).build();
    }

    @Override
    public int receptiveField(int scale, Params p) {
        return (p.getInt("f1") + p.getInt("f3") - 1 + scale - 1) / scale;   // its input is already upscaled
    }

    @Override
    public int margin(int scale, Params p) {
        return (p.getInt("f1") / 2 + p.getInt("f3") / 2 + scale - 1) / scale;   // 6 HR pixels: 2 LR at x3
    }
}
