package ablate.harness.testplugins;

import ablate.harness.spi.SlotSpec;
import ablate.harness.spi.Task;
import ablate.harness.spi.TrialContext;
import ablate.harness.spi.TrialOutcome;
import ablate.results.Cost;
import ablate.results.Direction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A task that exists only on the test classpath: "trains" by asking its behaviour plugin for a loss per epoch.
 * Its score is a deterministic function of the seed and the plugin's gain, so results can be checked exactly.
 */
public final class ToyTask implements Task {
    @Override
    public String id() {
        return "toy";
    }

    @Override
    public String summary() {
        return "test-only task";
    }

    @Override
    public List<SlotSpec> slots() {
        return List.of(new SlotSpec("behaviour", ToyBehaviour.class, "toy.steady", "what each epoch does"));
    }

    @Override
    public List<String> datasets() {
        return List.of("toy-data");
    }

    @Override
    public String primaryMetric() {
        return "score";
    }

    @Override
    public Map<String, Direction> metrics() {
        return Map.of("score", Direction.HIGHER);
    }

    @Override
    public TrialOutcome run(TrialContext ctx) throws Exception {
        var b = ctx.slot("behaviour", ToyBehaviour.class);
        List<Double> losses = new ArrayList<>();
        for (int epoch = 1; epoch <= ctx.budget().epochs(); epoch++) {
            double loss = b.plugin().epochLoss(epoch, b.params(), ctx);
            losses.add(loss);
            ctx.progress(epoch, ctx.budget().epochs(), loss);
        }
        double score = 0.5 + b.params().getDouble("gain") + 0.001 * (ctx.seed() % 7);
        return new TrialOutcome(Map.of("score", score), Map.of("trainLoss", losses),
                new Cost(10, 10, 100, 0.01, 0.1, 0.2, -1), Map.of());
    }
}
