package ablate.plugins.detection.task;

import ablate.plugins.common.Constant;
import ablate.harness.spi.Params;
import ablate.plugins.detection.Detections;
import ablate.plugins.detection.losses.CrossEntropyLoss;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;

import java.util.Arrays;
import java.util.List;

/**
 * FCOS (Tian et al. 2019) on one feature level, as {@link FcosNet} computes it. Training: centre-sampled positives
 * ({@link FcosTargets}); the classification loss summed over every location and class and divided by the number
 * of positives; the box loss averaged over the positives, on boxes relative to their location in strides
 * (predicted distances are {@code exp} of the outputs); the centre-ness loss, binary cross-entropy against the
 * centre-ness target, averaged over the positives. Inference: score = sqrt(class probability · centre-ness) as
 * in FCOS's released code, candidates above {@link #SCORE_FLOOR}, at most {@link #MAX_CANDIDATES} per image.
 */
final class FcosDetector implements Detector {
    static final double SCORE_FLOOR = 0.05;
    static final int MAX_CANDIDATES = 1000;
    /** Upper clamp of the distance logits: exp(8) ≈ 3000 strides, far beyond any image. */
    private static final float MAX_LOG_DISTANCE = 8f;
    private static final Params CENTRENESS_BCE = Params.defaults(new CrossEntropyLoss().info());

    private final FcosNet net;
    private final int inputSize;
    private final int classes;
    private final double radius;

    FcosDetector(int width, int inputSize, int classes, double radius) {
        if (inputSize % FcosNet.STRIDE != 0) {
            throw new IllegalArgumentException("detector input size " + inputSize + " must be a multiple of "
                    + FcosNet.STRIDE);
        }
        this.net = new FcosNet(width, classes);
        this.inputSize = inputSize;
        this.classes = classes;
        this.radius = radius;
    }

    @Override
    public Block block() {
        return net;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    int gridSize() {
        return inputSize / FcosNet.STRIDE;
    }

    @Override
    public NDArray loss(NDList outputs, List<List<TruthBox>> truth, Losses losses, NDManager manager) {
        int grid = gridSize();
        FcosTargets t = FcosTargets.of(truth, classes, grid, grid, FcosNet.STRIDE, radius);
        NDArray logits = outputs.get(0);
        NDArray classTargets = manager.create(t.classTargets(), logits.getShape());
        int positives = t.positiveCount();
        NDArray loss = losses.classification().loss(logits, classTargets, losses.classificationParams()).sum()
                .div(Constant.like(logits, Math.max(1, positives)));
        if (positives == 0) {
            return loss;
        }
        NDArray index = manager.create(t.positives());
        NDArray distances = outputs.get(1).transpose(0, 2, 3, 1).reshape(-1, 4).get(new NDIndex("{}", index))
                .clip(-MAX_LOG_DISTANCE, MAX_LOG_DISTANCE).exp();
        NDArray predicted = NDArrays.concat(new NDList(distances.get(":, :2").neg(), distances.get(":, 2:")), 1);
        NDArray boxTargets = manager.create(t.boxTargets(), new Shape(positives, 4));
        NDArray boxLoss = losses.box().loss(predicted, boxTargets, losses.boxParams()).mean();
        NDArray centrenessLogits = outputs.get(2).reshape(-1).get(new NDIndex("{}", index));
        NDArray centrenessLoss = new CrossEntropyLoss().loss(centrenessLogits, manager.create(t.centreness()),
                CENTRENESS_BCE).mean();
        return loss.add(boxLoss).add(centrenessLoss);
    }

    @Override
    public void decode(NDList outputs, List<Frame> images, Detections.Builder out) {
        int grid = gridSize();
        int cells = grid * grid;
        float[] scores = Activation.sigmoid(outputs.get(0)).mul(Activation.sigmoid(outputs.get(2))).sqrt().toFloatArray();
        float[] distances = outputs.get(1).clip(-MAX_LOG_DISTANCE, MAX_LOG_DISTANCE).exp().toFloatArray();
        int stride = FcosNet.STRIDE;
        int[] candidates = new int[classes * cells];
        for (int b = 0; b < images.size(); b++) {
            Frame frame = images.get(b);
            int scoreBase = b * classes * cells;
            int n = 0;
            for (int c = 0; c < classes * cells; c++) {
                if (scores[scoreBase + c] > SCORE_FLOOR) {
                    candidates[n++] = c;
                }
            }
            int[] kept = n > MAX_CANDIDATES ? topByScore(candidates, n, scores, scoreBase) : Arrays.copyOf(candidates, n);
            int boxBase = b * 4 * cells;
            for (int c : kept) {
                int k = c / cells;
                int cell = c % cells;
                double x = (cell % grid + 0.5) * stride;
                double y = (cell / grid + 0.5) * stride;
                double x1 = clamp((x - distances[boxBase + cell] * stride) * frame.scaleX(), frame.width());
                double y1 = clamp((y - distances[boxBase + cells + cell] * stride) * frame.scaleY(), frame.height());
                double x2 = clamp((x + distances[boxBase + 2 * cells + cell] * stride) * frame.scaleX(), frame.width());
                double y2 = clamp((y + distances[boxBase + 3 * cells + cell] * stride) * frame.scaleY(), frame.height());
                out.add(frame.index(), k, x1, y1, x2, y2, scores[scoreBase + c]);
            }
        }
    }

    /** The {@link #MAX_CANDIDATES} highest-scoring candidates (ties: lower index first), in index order. */
    private static int[] topByScore(int[] candidates, int n, float[] scores, int base) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = candidates[i];
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[base + b], scores[base + a]));
        int[] top = new int[MAX_CANDIDATES];
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            top[i] = order[i];
        }
        Arrays.sort(top);
        return top;
    }

    private static double clamp(double v, int limit) {
        return Math.max(0, Math.min(limit, v));
    }
}
