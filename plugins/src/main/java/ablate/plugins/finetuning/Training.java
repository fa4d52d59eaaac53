package ablate.plugins.finetuning;

import ablate.datasets.ImageSet;
import ablate.datasets.Normalization;
import ablate.harness.spi.TrialContext;
import ablate.plugins.common.BatchLoader;
import ablate.plugins.common.Latency;
import ablate.plugins.common.Steps;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;

import java.util.Arrays;
import java.util.Random;

/** The pieces of a training run both stages share: an epoch, the test-set logits, single-image latency. */
final class Training {
    /** Timed single-image inferences per latency iteration. */
    static final int LATENCY_OPS = 10;
    static final int EVAL_BATCH = 256;

    private Training() {
    }

    static int stepsPerEpoch(ImageSet train, int batch) {
        return Math.max(1, train.size() / Math.min(batch, train.size()));
    }

    /** One pass over a seeded shuffle of {@code train} (the last partial batch dropped); the mean training loss. */
    static double epoch(Steps steps, Trainer trainer, ImageSet train, Normalization norm, int batch, Random order,
                        TrialContext ctx) {
        int size = Math.min(batch, train.size());
        int count = stepsPerEpoch(train, batch);
        int[] perm = train.shuffledIndices(order.nextLong());
        try (NDManager epoch = trainer.getManager().newSubManager();
             BatchLoader batches = new BatchLoader(train, norm, perm, size, count)) {
            NDArray lossSum = epoch.zeros(new Shape(), DataType.FLOAT32);
            while (batches.hasNext()) {
                ctx.checkCancelled();
                steps.train(batches.next(), lossSum);
            }
            return lossSum.getFloat() / count;
        }
    }

    /** The logits of every test image, row-major (N × classes), by an inference pass without autograd. */
    static float[] logits(Block block, NDManager parent, ImageSet test, Normalization norm, TrialContext ctx) {
        int n = test.size();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        ParameterStore store = new ParameterStore(parent, false);
        float[] out = new float[n * test.numClasses()];
        int from = 0;
        try (BatchLoader batches = new BatchLoader(test, norm, all, EVAL_BATCH, (n + EVAL_BATCH - 1) / EVAL_BATCH)) {
            while (batches.hasNext()) {
                ctx.checkCancelled();
                float[] l = Steps.infer(block, store, parent, batches.next(), NDArray::toFloatArray);
                System.arraycopy(l, 0, out, from, l.length);
                from += l.length;
            }
        }
        return out;
    }

    /** Row-wise argmax (first on ties). */
    static int[] predictions(float[] logits, int classes) {
        int[] pred = new int[logits.length / classes];
        for (int i = 0; i < pred.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[i * classes + c] > logits[i * classes + best]) {
                    best = c;
                }
            }
            pred[i] = best;
        }
        return pred;
    }

    /** Single-image latency ({@link Latency}: warm-up, then measured iterations) of the network and argmax. */
    static Latency.Result latency(Block block, NDManager parent, ImageSet test, Normalization norm, TrialContext ctx) {
        ParameterStore store = new ParameterStore(parent, false);
        int runs = (Latency.WARMUP_ITERATIONS + Latency.ITERATIONS) * LATENCY_OPS;
        try (BatchLoader images = new BatchLoader(test, norm, new int[runs], 1, runs)) { // image 0, every time
            BatchLoader.Batch[] one = new BatchLoader.Batch[1];
            return Latency.measure(LATENCY_OPS, () -> {
                ctx.checkCancelled();
                one[0] = images.next();
            }, () -> Steps.infer(block, store, parent, one[0], l -> l.argMax(1).toLongArray()));
        }
    }
}
