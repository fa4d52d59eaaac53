package ablate.plugins.finetuning;

import ablate.harness.spi.Budget;
import ablate.harness.spi.Params;
import ablate.plugins.common.BlockFixture;
import ablate.plugins.common.Optimizers;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The new head and the adapted body parameters each move at their own rate. */
class HeadSplitOptimizerTest {
    @Test
    void headAndBodyMoveByTheirOwnRates() {
        Budget suite = new Budget(10, 32, 0.002, "fixed", "adam", 0);
        HeadSplitOptimizer opt = new HeadSplitOptimizer(Set.of("head-w"),
                Optimizers.of(FineTuning.scaled(suite, 10), 100), Optimizers.of(FineTuning.scaled(suite, 0.5), 100));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray head = m.create(new float[]{1f, 1f});
            NDArray body = m.create(new float[]{1f, 1f});
            // Adam's first step (bias-corrected m/sqrt(v) = g/|g|) moves every weight by its rate against the
            // gradient's sign, whatever the gradient's size: 0.02 for the head, 0.001 for the body
            opt.update("head-w", head, m.create(new float[]{0.5f, -3f}));
            opt.update("body-b", body, m.create(new float[]{0.5f, -3f}));
            assertThat(head.toFloatArray()[0]).isCloseTo(0.98f, within(1e-5f));
            assertThat(head.toFloatArray()[1]).isCloseTo(1.02f, within(1e-5f));
            assertThat(body.toFloatArray()[0]).isCloseTo(0.999f, within(1e-6f));
            assertThat(body.toFloatArray()[1]).isCloseTo(1.001f, within(1e-6f));
            // a second step with the same gradient: bias-corrected m = g and v = g² again, so exactly the rate
            opt.update("body-b", body, m.create(new float[]{0.5f, -3f}));
            assertThat(body.toFloatArray()[0]).isCloseTo(0.998f, within(1e-6f));
        }
    }

    @Test
    void theTaskGivesTheHeadItsRateAndBitFitsBiasesTheirs() {
        Budget suite = new Budget(10, 32, 0.002, "fixed", "adam", 0);
        FineTuneNet net = new FineTuneNet(PeftBlocksTest.vit(Insertions.NONE), 5);
        try (BlockFixture f = new BlockFixture()) {
            f.init(net, PeftBlocksTest.BATCH);
            Optimizer opt = FineTuning.optimizer(net, suite, new BitFitPlugin(), Params.defaults(BitFitPlugin.INFO), 100);
            // defaults: head 10 × 0.002 = 0.02, BitFit's biases 0.5 × 0.002 = 0.001 (one first Adam step each)
            Parameter headWeight = net.head().getParameters().get("weight");
            Parameter bias = net.features().getParameters().valueAt(net.features().getParameters().size() - 1);
            assertThat(net.features().getParameters().keyAt(net.features().getParameters().size() - 1)).endsWith("beta");
            float h0 = headWeight.getArray().toFloatArray()[0];
            float b0 = bias.getArray().toFloatArray()[0];
            opt.update(headWeight.getId(), headWeight.getArray(), headWeight.getArray().onesLike());
            opt.update(bias.getId(), bias.getArray(), bias.getArray().onesLike());
            assertThat(headWeight.getArray().toFloatArray()[0]).isCloseTo(h0 - 0.02f, within(1e-5f));
            assertThat(bias.getArray().toFloatArray()[0]).isCloseTo(b0 - 0.001f, within(1e-6f));
        }
    }
}
