package ablate.plugins.detection.losses;

import ablate.plugins.common.Constant;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The sigmoid focal loss of Lin et al. 2017, {@code FL(p_t) = -α_t (1 - p_t)^γ log(p_t)} with {@code p_t = p}
 * for a positive and {@code 1 - p} for a negative, {@code α_t = α} for a positive and {@code 1 - α} for a negative;
 * γ = 0 gives the (α-balanced) binary cross-entropy. As torchvision's {@code sigmoid_focal_loss}, a negative α
 * turns the balancing off (α_t = 1). The logarithms are {@code -softplus(∓x)}, finite for any logit.
 */
final class SigmoidFocal {
    private SigmoidFocal() {
    }

    static NDArray loss(NDArray logits, NDArray targets, double alpha, double gamma) {
        NDArray negatives = targets.neg().add(Constant.like(targets, 1));
        NDArray positiveLoss = Activation.softPlus(logits.neg()); // -log(p)
        NDArray negativeLoss = Activation.softPlus(logits);       // -log(1 - p)
        if (gamma != 0) {
            NDArray p = Activation.sigmoid(logits);
            positiveLoss = positiveLoss.mul(p.neg().add(Constant.like(p, 1)).pow(Constant.like(p, gamma)));
            negativeLoss = negativeLoss.mul(p.pow(Constant.like(p, gamma)));
        }
        if (alpha >= 0) {
            positiveLoss = positiveLoss.mul(Constant.like(logits, alpha));
            negativeLoss = negativeLoss.mul(Constant.like(logits, 1 - alpha));
        }
        return positiveLoss.mul(targets).add(negativeLoss.mul(negatives));
    }
}
