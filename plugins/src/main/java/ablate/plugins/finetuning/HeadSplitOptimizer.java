package ablate.plugins.finetuning;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;

import java.util.Set;

/**
 * Two optimizers of the same kind and schedule, one for the new classification head and one for the adapted
 * backbone parameters, chosen by parameter id. Why: the head starts from random weights and needs a high rate (at
 * the suite's rate the linear probe stayed at chance), while the pretrained body — or BitFit's biases, which Adam
 * moves by about the rate every step whatever their gradient — is pushed far from the pretrained function by that
 * rate. Each inner optimizer keeps its own per-parameter state and update counts, so a parameter's trajectory is the
 * one its own optimizer alone would give it.
 */
final class HeadSplitOptimizer extends Optimizer {
    private final Set<String> headIds;
    private final Optimizer head;
    private final Optimizer body;

    HeadSplitOptimizer(Set<String> headIds, Optimizer head, Optimizer body) {
        super(new NoOptions());
        this.headIds = Set.copyOf(headIds);
        this.head = head;
        this.body = body;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        (headIds.contains(parameterId) ? head : body).update(parameterId, weight, grad);
    }

    /** The base class's settings (rescale, clipping, weight decay) are unused here: the inner optimizers have theirs. */
    private static final class NoOptions extends OptimizerBuilder<NoOptions> {
        @Override
        protected NoOptions self() {
            return this;
        }
    }
}
