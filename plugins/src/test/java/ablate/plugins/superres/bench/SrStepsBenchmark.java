package ablate.plugins.superres.bench;

import ablate.harness.spi.Budget;
import ablate.harness.spi.Params;
import ablate.plugins.common.Optimizers;
import ablate.plugins.common.Steps;
import ablate.plugins.superres.SrModelPlugin;
import ablate.plugins.superres.losses.SrLosses;
import ablate.plugins.superres.models.Espcn;
import ablate.plugins.superres.models.Srcnn;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Training throughput of the suite's SRCNN and ESPCN at x3 (batch 16 of 16×16 LR / 48×48 HR patches, Adam lr 1e-3,
 * MSE) through the task's {@link Steps}: 3 warm-up steps, then 40 timed (or the second argument's count). Random patches made before
 * timing, as bench/pytorch_sr.py (its PyTorch peer) does. Not a test: run by hand,
 *
 * <pre>ONEDNN_MAX_CPU_ISA=SSE41 OMP_WAIT_POLICY=PASSIVE java -cp "plugins/target/test-classes:plugins/target/classes:plugins/target/lib/*" \
 *     -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 ablate.plugins.superres.bench.SrStepsBenchmark srcnn</pre>
 */
public final class SrStepsBenchmark {
    static final int DEFAULT_STEPS = 40;
    static final int BATCH = 16;

    private SrStepsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "srcnn";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_STEPS;
        SrModelPlugin plugin = which.equals("espcn") ? new Espcn() : new Srcnn();
        int in = plugin.upsampledInput() ? 48 : 16;
        Random r = new Random(1);
        float[] x = new float[BATCH * in * in];
        float[] y = new float[BATCH * 48 * 48];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextFloat();
        }
        SrLosses.L2 l2 = new SrLosses.L2();
        Loss loss = new Loss("l2") {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                return l2.loss(predictions.singletonOrThrow(), labels.singletonOrThrow(), Params.defaults(l2.info()));
            }
        };
        Engine.getInstance().setRandomSeed(1);
        try (Model m = Model.newInstance("bench")) {
            m.setBlock(plugin.create(3, Params.resolve(plugin.info(), Map.of())));
            Optimizer opt = Optimizers.of(new Budget(1, BATCH, 1e-3, "constant", "adam", 0), steps);
            try (Trainer trainer = m.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(opt))) {
                Shape xs = new Shape(BATCH, 1, in, in);
                Shape ys = new Shape(BATCH, 1, 48, 48);
                trainer.initialize(xs);
                Steps s = new Steps(trainer, opt);
                try (NDManager run = trainer.getManager().newSubManager()) {
                    NDArray sum = run.zeros(new Shape(), DataType.FLOAT32);
                    long t0 = 0;
                    for (int k = -3; k < steps; k++) {
                        if (k == 0) {
                            sum.getFloat();
                            t0 = System.nanoTime();
                        }
                        s.train(step -> new NDList[]{new NDList(step.create(x, xs)), new NDList(step.create(y, ys))}, sum);
                    }
                    sum.getFloat();
                    double wall = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "{\"model\": \"%s\", \"stepsPerSecond\": %.3f, \"steps\": %d}%n",
                            which, steps / wall, steps);
                }
            }
        }
    }
}
