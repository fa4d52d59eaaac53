package ablate.plugins.finetuning;

import ablate.harness.spi.Budget;
import ablate.plugins.common.Optimizers;
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
}
