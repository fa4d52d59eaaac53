package ablate.plugins.superres;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ai.djl.ndarray.NDArray;

/** Slot {@code loss} of the super-resolution task: a scalar training loss between restored and true HR patches. */
public interface SrLossPlugin extends Plugin {
    /**
     * @param prediction float32 (N, 1, H, W), values Y/255
     * @param target     the same shape, the true patches
     * @return a differentiable scalar; every number in it must go through {@code Constant.like}
     */
    NDArray loss(NDArray prediction, NDArray target, Params params);
}
