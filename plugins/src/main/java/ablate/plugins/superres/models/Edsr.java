package ablate.plugins.superres.models;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.common.Constant;
import ablate.plugins.superres.SrModelPlugin;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;

import java.util.List;

/**
 * {@code sr.edsr}: a small EDSR (Lim et al. 2017) on the low-resolution luma: a 3×3 head to {@code features} maps,
 * {@code blocks} residual blocks conv3×3–ReLU–conv3×3 whose branch is multiplied by {@code res-scale} before the
 * sum (the paper's residual scaling: 1 in its baseline, 0.1 in the large 256-map net, where it keeps training
 * stable), a 3×3 conv closing the body, the global skip (head output + body output), then the tail. There is no batch
 * normalisation anywhere: removing it is EDSR's point (it normalises away the range of the features and costs memory).
 *
 * <p>The tail is the cheap variant of EDSR's: the paper's upsampler is a 3×3 conv to scale²·features maps, a pixel
 * shuffle to features maps at full resolution and a last 3×3 conv to the 3 colour channels there. For one output
 * channel (the luma) a 3×3 conv straight to scale² maps and {@link Espcn#pixelShuffle} (ESPCN's sub-pixel layer)
 * gives the same output shape with every convolution at low resolution: features + 1 times fewer tail MACs (at ×3
 * with 32 maps 2,592 per LR pixel instead of 85,536, more than the whole body's 82,944), and a margin in whole
 * LR pixels.
 */
public final class Edsr implements SrModelPlugin {
    static final PluginInfo INFO = PluginInfo.of("sr.edsr", "model",
            "Small EDSR: residual blocks without batch norm at low resolution, sub-pixel shuffle to scale x",
            "B. Lim, S. Son, H. Kim, S. Nah, K. M. Lee. Enhanced Deep Residual Networks for Single Image "
                    + "Super-Resolution. CVPRW 2017",
            Claim.raises("psnrY", "EDSR beats bicubic: Set5 x3 PSNR 34.65 (32 blocks, 256 maps) vs 30.39 dB"),
            Param.integer("features", 32, 1, 256, "feature maps of the head, the residual blocks and the body"),
            Param.integer("blocks", 4, 0, 32, "residual blocks"),
            // 0.1, not the paper's baseline 1: at the learning rates these suites use (3e-3, the paper trains at 1e-4)
            // 1 blew the net up in its first epoch and 0.1 trained (docs/benchmarks-super-resolution.md)
            Param.real("res-scale", 0.1, 0.0, 1.0, "factor on each residual branch before the sum (paper: 0.1 "
                    + "for its large net, 1 for its baseline at lr 1e-4; 1 diverged at lr 3e-3 here)"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Block create(int scale, Params p) {
        int f = p.getInt("features");
        double resScale = p.getDouble("res-scale");
        SequentialBlock body = new SequentialBlock();
        for (int i = 0; i < p.getInt("blocks"); i++) {
            body.add(residual(new SequentialBlock()
                    .add(Srcnn.conv(3, f)).add(Activation::relu)
                    .add(Srcnn.conv(3, f)), resScale));
        }
        body.add(Srcnn.conv(3, f));
        return new SequentialBlock()
                .add(Srcnn.conv(3, f))
                .add(residual(body, 1.0))   // the global skip, unscaled as in the paper
                .add(Srcnn.conv(3, scale * scale))
                .add(x -> new NDList(Espcn.pixelShuffle(x.singletonOrThrow(), scale)));
    }

    /**
     * x + scale·branch(x). A {@link ParallelBlock} of the branch and the identity, so {@code ModelCost} counts the
     * branch's MACs; the scale enters the graph as an engine tensor ({@link Constant}), never as a Java number.
     */
    static Block residual(Block branch, double scale) {
        return new ParallelBlock(outs -> {
            NDArray y = outs.get(0).singletonOrThrow();
            NDArray x = outs.get(1).singletonOrThrow();
            return new NDList(x.add(scale == 1.0 ? y : y.mul(Constant.like(y, scale))));
        }, List.of(branch, Blocks.identityBlock()));
    }

    @Override
    public int receptiveField(int scale, Params p) {
        return 2 * margin(scale, p) + 1;
    }

    /**
     * Every 3×3 convolution reaches one LR pixel further: the head, two per block, the body's last conv and the
     * tail's; the shuffle maps each LR pixel to its own s×s HR pixels, adding nothing.
     */
    @Override
    public int margin(int scale, Params p) {
        return 1 + 2 * p.getInt("blocks") + 1 + 1;
    }
}
