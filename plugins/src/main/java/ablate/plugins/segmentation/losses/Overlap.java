package ablate.plugins.segmentation.losses;

import ablate.plugins.common.Constant;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Soft per-class overlap counts of a batch, the shared core of the Dice and Tversky losses: with p the softmax
 * probabilities and g the one-hot ground truth, both zero on ignored pixels, TP_c = Σ p·g, FP_c = Σ p·(1−g) and
 * FN_c = Σ (1−p)·g, each summed over every pixel of every image of the batch (one count per class for the batch,
 * as MONAI's {@code batch=True} and the Focal Tversky authors' code do, so that a class missing from one image does
 * not make that image's ratio 0/0).
 *
 * @param tp (K) soft true positives
 * @param fp (K) soft false positives
 * @param fn (K) soft false negatives
 */
record Overlap(NDArray tp, NDArray fp, NDArray fn) {
    private static final int[] ALL_BUT_CLASS = {0, 2, 3};

    static Overlap of(NDArray logits, NDArray labels, int ignoreIndex) {
        int classes = Math.toIntExact(logits.getShape().get(1));
        NDArray valid = valid(labels, ignoreIndex);                                  // (N, H, W) 0/1 float
        NDArray truth = oneHot(labels, valid, classes);                              // (N, K, H, W)
        NDArray p = logits.softmax(1).mul(valid.expandDims(1));
        NDArray tp = p.mul(truth).sum(ALL_BUT_CLASS);
        NDArray fp = p.sum(ALL_BUT_CLASS).sub(tp);
        NDArray fn = truth.sum(ALL_BUT_CLASS).sub(tp);
        return new Overlap(tp, fp, fn);
    }

    /** 1 where the pixel counts, 0 where its label is the ignore index (float32, the labels' shape). */
    static NDArray valid(NDArray labels, int ignoreIndex) {
        return labels.neq(Constant.like(labels, ignoreIndex)).toType(DataType.FLOAT32, false);
    }

    /** The one-hot (N, K, H, W) float32 of {@code labels}, zero on pixels where {@code valid} is 0. */
    static NDArray oneHot(NDArray labels, NDArray valid, int classes) {
        // ignored pixels get class 0 before one-hot (their label may be >= K), then the mask zeroes them
        NDArray safe = labels.mul(valid.toType(labels.getDataType(), false)).toType(DataType.INT64, false);
        return safe.oneHot(classes).toType(DataType.FLOAT32, false).transpose(0, 3, 1, 2).mul(valid.expandDims(1));
    }
}
