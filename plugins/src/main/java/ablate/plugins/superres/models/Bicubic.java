package ablate.plugins.superres.models;

import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.superres.SrModelPlugin;
import ai.djl.nn.Block;

/**
 * {@code sr.bicubic}: MATLAB-compatible bicubic upscaling of the low-resolution luma, nothing trained — the
 * baseline every super-resolution paper reports (the task applies {@code MatlabResize.up} itself).
 */
public final class Bicubic implements SrModelPlugin {
    static final PluginInfo INFO = PluginInfo.of("sr.bicubic", "model",
            "Bicubic upscaling (MATLAB imresize, a = -0.5); nothing to train",
            "R. Keys. Cubic convolution interpolation for digital image processing. IEEE TASSP 1981", null);

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Block create(int scale, Params params) {
        return null;
    }

    @Override
    public boolean trains() {
        return false;
    }

    @Override
    public int receptiveField(int scale, Params params) {
        return 4;   // the cubic kernel's 4 taps
    }

    @Override
    public int margin(int scale, Params params) {
        return 2;
    }
}
