package ablate.plugins.detection.task;

import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;

/** A small FCOS detector ({@link FcosNet}, {@link FcosDetector}) that trains on a CPU in minutes. */
public final class FcosMiniPlugin implements DetectorPlugin {
    public static final String ID = "detector.fcos-mini";
    static final String WIDTH = "width";
    static final String INPUT = "input";
    static final String RADIUS = "radius";

    private static final PluginInfo INFO = PluginInfo.of(ID, SLOT,
            "Anchor-free one-stage detector: FCOS head on a small dilated stride-4 backbone",
            "Z. Tian, C. Shen, H. Chen, T. He. FCOS: Fully Convolutional One-Stage Object Detection. ICCV 2019",
            null,
            Param.integer(WIDTH, 32, 8, 256, "channels of the backbone and head"),
            Param.integer(INPUT, 64, 32, 512, "side of the square network input in pixels (a multiple of 4); images "
                    + "are resized to it and boxes mapped back"),
            Param.real(RADIUS, 1.5, 0.5, 8, "centre sampling: positives lie within radius x stride of a box centre"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Detector create(int classes, Params params) {
        return new FcosDetector(params.getInt(WIDTH), params.getInt(INPUT), classes, params.getDouble(RADIUS));
    }
}
