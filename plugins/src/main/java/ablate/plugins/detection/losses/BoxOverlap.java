package ablate.plugins.detection.losses;

import ablate.plugins.common.Constant;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * IoU, GIoU, DIoU and CIoU of matching rows of two (P, 4) box arrays {@code [x1, y1, x2, y2]}, as NDArray operations
 * (so gradients flow), with the formulas of {@link ablate.metrics.detection.BoxIoU} and the small {@code eps}
 * guards of torchvision's box losses: IoU = I / (U + eps), the enclosing box's area and squared diagonal get
 * {@code + eps}, and CIoU's α = v / (1 − IoU + v + eps) is treated as a constant (no gradient), as in the code of
 * Zheng et al. and torchvision.
 */
final class BoxOverlap {
    static final double EPS = 1e-7;

    private final NDArray iou;
    private final NDArray union;
    private final NDArray enclosingWidth;
    private final NDArray enclosingHeight;
    private final NDArray p;
    private final NDArray t;

    BoxOverlap(NDArray predicted, NDArray target) {
        p = predicted;
        t = target;
        NDArray px1 = col(p, 0);
        NDArray py1 = col(p, 1);
        NDArray px2 = col(p, 2);
        NDArray py2 = col(p, 3);
        NDArray tx1 = col(t, 0);
        NDArray ty1 = col(t, 1);
        NDArray tx2 = col(t, 2);
        NDArray ty2 = col(t, 3);
        NDArray iw = px2.minimum(tx2).sub(px1.maximum(tx1)).maximum(Constant.like(p, 0));
        NDArray ih = py2.minimum(ty2).sub(py1.maximum(ty1)).maximum(Constant.like(p, 0));
        NDArray inter = iw.mul(ih);
        union = px2.sub(px1).mul(py2.sub(py1)).add(tx2.sub(tx1).mul(ty2.sub(ty1))).sub(inter);
        iou = inter.div(union.add(Constant.like(p, EPS)));
        enclosingWidth = px2.maximum(tx2).sub(px1.minimum(tx1));
        enclosingHeight = py2.maximum(ty2).sub(py1.minimum(ty1));
    }

    static NDArray col(NDArray boxes, int c) {
        return boxes.get(new NDIndex(":, {}", c));
    }

    NDArray iou() {
        return iou;
    }

    /** IoU − (C − U)/C with C the area of the smallest enclosing box. */
    NDArray giou() {
        NDArray enclosing = enclosingWidth.mul(enclosingHeight);
        return iou.sub(enclosing.sub(union).div(enclosing.add(Constant.like(p, EPS))));
    }

    /** IoU − ρ²/c²: squared centre distance over the enclosing box's squared diagonal. */
    NDArray diou() {
        NDArray dx = col(p, 0).add(col(p, 2)).sub(col(t, 0)).sub(col(t, 2)).div(Constant.like(p, 2));
        NDArray dy = col(p, 1).add(col(p, 3)).sub(col(t, 1)).sub(col(t, 3)).div(Constant.like(p, 2));
        NDArray diagonal = enclosingWidth.square().add(enclosingHeight.square()).add(Constant.like(p, EPS));
        return iou.sub(dx.square().add(dy.square()).div(diagonal));
    }

    /** DIoU − αv, v = 4/π²·(atan(w_t/h_t) − atan(w_p/h_p))², α = v/(1 − IoU + v) without gradient. */
    NDArray ciou() {
        NDArray predictedAngle = col(p, 2).sub(col(p, 0)).div(col(p, 3).sub(col(p, 1))).atan();
        NDArray targetAngle = col(t, 2).sub(col(t, 0)).div(col(t, 3).sub(col(t, 1))).atan();
        NDArray v = targetAngle.sub(predictedAngle).square().mul(Constant.like(p, 4 / (Math.PI * Math.PI)));
        NDArray alpha = v.div(iou.neg().add(Constant.like(p, 1)).add(v).add(Constant.like(p, EPS))).stopGradient();
        return diou().sub(alpha.mul(v));
    }
}
