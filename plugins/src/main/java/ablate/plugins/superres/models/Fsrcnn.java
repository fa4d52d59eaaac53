package ablate.plugins.superres.models;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.superres.SrModelPlugin;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * {@code sr.fsrcnn}: FSRCNN (Dong, Loy, Tang 2016) on the low-resolution luma: feature extraction 5×5 to d maps,
 * shrinking 1×1 to s, m mapping layers 3×3, expanding 1×1 to d, PReLU after each, and a 9×9 deconvolution of stride
 * {@code scale} (padding 4, output padding scale − 1, so the output is exactly scale × the input; computed in its
 * exact sub-pixel form, {@link PhaseDeconv}). Working at low
 * resolution is what makes it fast. PReLU slopes per channel ({@link ChannelPrelu}).
 */
public final class Fsrcnn implements SrModelPlugin {
    static final PluginInfo INFO = PluginInfo.of("sr.fsrcnn", "model",
            "FSRCNN(d, s, m) on the low-resolution luma, 9x9 deconvolution",
            "C. Dong, C. C. Loy, X. Tang. Accelerating the Super-Resolution Convolutional Neural Network. ECCV 2016",
            Claim.raises("psnrY", "FSRCNN beats bicubic and is close to SRCNN at a fraction of "
                    + "its inference time"),
            Param.integer("d", 56, 1, 256, "feature dimension"),
            Param.integer("s", 12, 1, 256, "shrinking dimension"),
            Param.integer("m", 4, 0, 16, "mapping layers"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Block create(int scale, Params p) {
        int d = p.getInt("d");
        int s = p.getInt("s");
        SequentialBlock net = new SequentialBlock()
                .add(Srcnn.conv(5, d)).add(new ChannelPrelu())
                .add(Srcnn.conv(1, s)).add(new ChannelPrelu());
        for (int i = 0; i < p.getInt("m"); i++) {
            net.add(Srcnn.conv(3, s)).add(new ChannelPrelu());
        }
        return net.add(Srcnn.conv(1, d)).add(new ChannelPrelu())
                .add(new PhaseDeconv(scale));
    }

    @Override
    public int receptiveField(int scale, Params p) {
        return 5 + 2 * p.getInt("m") + 2;   // + the deconvolution's reach in low-resolution pixels (9 / scale ≈ 3)
    }

    @Override
    public int margin(int scale, Params p) {
        return 2 + p.getInt("m") + PhaseDeconv.half(scale);
    }
}
