package ablate.plugins.superres.losses;

import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.common.Constant;
import ablate.plugins.superres.SrLossPlugin;
import ai.djl.ndarray.NDArray;

/** The super-resolution losses: pixel-wise L1, L2 (MSE, what SRCNN, FSRCNN and ESPCN were trained with), Charbonnier. */
public final class SrLosses {
    static final String SLOT = "loss";

    private SrLosses() {
    }

    /** {@code sr-loss.l1}: mean |ŷ − y|. */
    public static final class L1 implements SrLossPlugin {
        static final PluginInfo INFO = PluginInfo.of("sr-loss.l1", SLOT, "Mean absolute error",
                "B. Lim et al. Enhanced Deep Residual Networks for Single Image Super-Resolution. CVPRW 2017 (L1 for SR)", null);

        @Override
        public PluginInfo info() {
            return INFO;
        }

        @Override
        public NDArray loss(NDArray prediction, NDArray target, Params params) {
            return prediction.sub(target).abs().mean();
        }
    }

    /** {@code sr-loss.l2}: mean (ŷ − y)², the MSE the three papers minimise (maximising PSNR). */
    public static final class L2 implements SrLossPlugin {
        static final PluginInfo INFO = PluginInfo.of("sr-loss.l2", SLOT, "Mean squared error (MSE)",
                "C. Dong et al. Image Super-Resolution Using Deep Convolutional Networks. TPAMI 2016", null);

        @Override
        public PluginInfo info() {
            return INFO;
        }

        @Override
        public NDArray loss(NDArray prediction, NDArray target, Params params) {
            NDArray d = prediction.sub(target);
            return d.mul(d).mean();
        }
    }

    /** {@code sr-loss.charbonnier}: mean √((ŷ − y)² + ε²), a differentiable L1. */
    public static final class Charbonnier implements SrLossPlugin {
        static final PluginInfo INFO = PluginInfo.of("sr-loss.charbonnier", SLOT, "Charbonnier: mean sqrt(d^2 + eps^2)",
                "W.-S. Lai et al. Deep Laplacian Pyramid Networks for Fast and Accurate Super-Resolution. CVPR 2017",
                null, Param.real("eps", 1e-3, 1e-12, 1.0, "epsilon"));

        @Override
        public PluginInfo info() {
            return INFO;
        }

        @Override
        public NDArray loss(NDArray prediction, NDArray target, Params params) {
            NDArray d = prediction.sub(target);
            double eps = params.getDouble("eps");
            return d.mul(d).add(Constant.like(d, eps * eps)).sqrt().mean();
        }
    }
}
