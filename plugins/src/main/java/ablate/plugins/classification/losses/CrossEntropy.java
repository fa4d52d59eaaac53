package ablate.plugins.classification.losses;

import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.classification.LossPlugin;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy, the mean over the batch of −log p(true class): the task's default. It is DJL's own
 * {@code softmaxCrossEntropyLoss}, the loss the task used before it had a loss slot, so suites that leave the slot
 * out train the same models to the same numbers.
 */
public final class CrossEntropy implements LossPlugin {
    public static final String ID = "loss.cross-entropy";
    static final PluginInfo INFO = PluginInfo.of(ID, LossesModule.SLOT,
            "Softmax cross-entropy, mean over the batch (the default)",
            "The multinomial logistic loss; e.g. I. Goodfellow, Y. Bengio, A. Courville. Deep Learning. MIT Press "
                    + "2016, section 6.2.2.3",
            null);
    private static final Loss DJL = Loss.softmaxCrossEntropyLoss();

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, int[] classCounts, Params params) {
        return DJL.evaluate(new NDList(labels), new NDList(logits));
    }
}
