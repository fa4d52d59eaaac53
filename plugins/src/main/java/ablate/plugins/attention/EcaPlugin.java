package ablate.plugins.attention;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.PluginInfo;
import ablate.harness.spi.Params;
import ablate.plugins.classification.AttentionPlugin;
import ai.djl.nn.Block;

/** {@code attention.eca}: efficient channel attention, see {@link EcaBlock}. */
public final class EcaPlugin implements AttentionPlugin {
    static final PluginInfo INFO = PluginInfo.of("attention.eca", AttentionModule.SLOT,
            "ECA: channel gate from a 1-D convolution across the pooled channels (k parameters)",
            "Wang, Q., Wu, B., Zhu, P., Li, P., Zuo, W., Hu, Q.: ECA-Net: Efficient Channel Attention for Deep "
                    + "Convolutional Neural Networks. CVPR 2020",
            Claim.raises("accuracy", "ECA raises ResNet-50 ImageNet top-1 accuracy by about 2.3 points with "
                    + "about 80 extra parameters"),
            Param.integer("kernel", 0, 0, 31, "1-D kernel size (odd); 0 = adaptive from gamma and b")
                    .must("be odd or 0", v -> (Integer) v == 0 || (Integer) v % 2 == 1),
            Param.real("gamma", 2.0, 0.1, 16.0, "γ of the adaptive kernel size"),
            Param.real("b", 1.0, 0.0, 16.0, "b of the adaptive kernel size"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Block create(int channels, Params params) {
        int kernel = params.getInt("kernel");
        if (kernel == 0) {
            kernel = adaptiveKernel(channels, params.getDouble("gamma"), params.getDouble("b"));
        } else if (kernel % 2 == 0) {
            throw new IllegalArgumentException(INFO.id() + ": parameter 'kernel' must be odd or 0, got " + kernel);
        }
        return new EcaBlock(channels, kernel);
    }

    /**
     * The paper's Eq. 12 as its code computes it: {@code t = int(|(log2 C + b) / γ|)}, {@code k = t} if t is
     * odd, else {@code t + 1}. log2 is exact for powers of two, so 8, 32, 128 channels do not fall a rounding
     * step below an integer.
     */
    public static int adaptiveKernel(int channels, double gamma, double b) {
        double log2 = Integer.bitCount(channels) == 1
                ? Integer.numberOfTrailingZeros(channels)
                : Math.log(channels) / Math.log(2);
        int t = (int) Math.abs((log2 + b) / gamma);
        return t % 2 == 1 ? t : t + 1;
    }
}
