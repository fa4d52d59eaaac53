package ablate.plugins.segmentation.task;

import ablate.datasets.segmentation.SegmentationSet;
import ablate.harness.spi.TrialContext;
import ablate.metrics.segmentation.SegmentationConfusion;
import ablate.metrics.segmentation.SegmentationMetrics;
import ablate.metrics.segmentation.SmallObjectDice;
import ablate.plugins.common.NoGrad;
import ablate.results.Direction;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test split scored once: every image's argmax label map, one {@link SegmentationConfusion} over all of them
 * and the {@link SmallObjectDice}; the metrics, and the label maps for examples and written predictions.
 */
record Evaluation(Map<String, Double> metrics, SegmentationMetrics scores, List<List<Long>> confusion,
                  List<int[]> predictions) {
    /** Every metric {@link #run} records, with its direction: overlap and accuracy scores, all higher-is-better. */
    static final Map<String, Direction> DIRECTIONS = directions();

    private static Map<String, Direction> directions() {
        Map<String, Direction> d = new LinkedHashMap<>();
        for (String m : List.of("mIoU", "meanDice", "pixelAccuracy", "meanPixelAccuracy", "fwIoU", "smallDice")) {
            d.put(m, Direction.HIGHER);
        }
        return java.util.Collections.unmodifiableMap(d);
    }


    static Evaluation run(Block block, NDManager parent, SegmentationSet test, float[][] stats, int batch,
                          int smallArea, TrialContext ctx) {
        int n = test.size();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        SegmentationConfusion confusion = new SegmentationConfusion(test.numClasses(), test.ignoreIndex());
        SmallObjectDice small = new SmallObjectDice(smallArea, 0, test.ignoreIndex());
        List<int[]> predictions = new ArrayList<>(n);
        for (int from = 0; from < n; from += batch) {
            ctx.checkCancelled();
            int count = Math.min(batch, n - from);
            int[] labels = predict(block, parent, test, stats, all, from, count);
            int plane = test.height() * test.width();
            for (int b = 0; b < count; b++) {
                int[] p = Arrays.copyOfRange(labels, b * plane, (b + 1) * plane);
                int[] t = test.labelMap(from + b);
                confusion.add(t, p, test.name(from + b));
                small.add(t, p, test.width());
                predictions.add(p);
            }
        }
        SegmentationMetrics s = confusion.metrics();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mIoU", s.mIoU());
        metrics.put("meanDice", s.meanDice());
        metrics.put("pixelAccuracy", s.pixelAccuracy());
        metrics.put("meanPixelAccuracy", s.meanPixelAccuracy());
        metrics.put("fwIoU", s.fwIoU());
        if (small.objects() > 0) {
            metrics.put("smallDice", small.dice());
        }
        List<List<Long>> matrix = new ArrayList<>();
        for (int t = 0; t < test.numClasses(); t++) {
            List<Long> row = new ArrayList<>();
            for (int p = 0; p < test.numClasses(); p++) {
                row.add(confusion.matrix().count(t, p));
            }
            matrix.add(row);
        }
        return new Evaluation(metrics, s, matrix, predictions);
    }

    /** The argmax label maps of images {@code order[from .. from+count)}, concatenated (count × H × W). */
    static int[] predict(Block block, NDManager parent, SegmentationSet set, float[][] stats, int[] order, int from,
                         int count) {
        float[] pixels = new float[count * set.channels() * set.height() * set.width()];
        set.fillImages(order, from, count, pixels, stats);
        ParameterStore store = new ParameterStore(parent, false);
        try (NDManager step = parent.newSubManager(); NoGrad off = NoGrad.enter()) {
            NDArray x = step.create(pixels, new Shape(count, set.channels(), set.height(), set.width()));
            NDArray logits = block.forward(store, new NDList(x), false).singletonOrThrow();
            return logits.argMax(1).toType(DataType.INT32, false).toIntArray();
        }
    }

    /** Confusion matrix, class names and per-class scores (null for 0/0) for the report. */
    Map<String, Object> artifacts(SegmentationSet test) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("confusionMatrix", confusion);
        a.put("classNames", test.classNames());
        Map<String, Object> perClass = new LinkedHashMap<>();
        perClass.put("iou", nullable(scores.iou()));
        perClass.put("dice", nullable(scores.dice()));
        perClass.put("accuracy", nullable(scores.accuracy()));
        a.put("perClass", perClass);
        return a;
    }

    private static List<Double> nullable(double[] values) {
        List<Double> out = new ArrayList<>();
        for (double v : values) {
            out.add(Double.isNaN(v) ? null : v);
        }
        return out;
    }
}
