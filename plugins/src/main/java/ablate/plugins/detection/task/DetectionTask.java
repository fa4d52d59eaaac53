package ablate.plugins.detection.task;

import ablate.plugins.common.Latency;
import ablate.plugins.common.SharedWork;
import ablate.datasets.detection.DetectionSet;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.Params;
import ablate.harness.spi.SlotSpec;
import ablate.harness.spi.Task;
import ablate.harness.spi.TrialContext;
import ablate.harness.spi.TrialOutcome;
import ablate.metrics.detection.coco.CocoDetection;
import ablate.metrics.detection.coco.CocoEval;
import ablate.metrics.detection.coco.CocoGroundTruth;
import ablate.metrics.detection.coco.CocoSummary;
import ablate.plugins.common.ModelCost;
import ablate.plugins.detection.Detections;
import ablate.plugins.detection.PostprocessPlugin;
import ablate.plugins.detection.losses.BoxLossPlugin;
import ablate.plugins.detection.losses.ClassificationLossPlugin;
import ablate.plugins.detection.losses.FocalLoss;
import ablate.plugins.detection.losses.GiouLoss;
import ablate.plugins.detection.postprocess.GreedyNms;
import ablate.reports.CurveAxis;
import ablate.reports.ExampleImage;
import ablate.reports.PrCurves;
import ablate.results.Cost;
import ablate.results.Direction;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Object detection: trains the {@code model} slot's detector with the {@code cls-loss} and {@code box-loss} slots'
 * losses, decodes its boxes on each test set, applies the {@code postprocess} slot's plugin class-wise, keeps the
 * {@value #DETECTIONS_PER_IMAGE} best boxes per image and scores them with the metrics module's COCO evaluation.
 *
 * <p>Metrics, per test set ({@code ""} for the main one, {@code @crowding=X} for {@code dataset.eval-crowding}
 * levels): {@code mAP} (COCO AP@[.5:.95], the primary metric), {@code AP50}, {@code AP75}, {@code AR100}, and
 * {@code postprocessMs}, the post-processor's time per image (median of {@value #POSTPROCESS_RUNS} timed runs
 * over the whole set after one warm-up). Cost latency is one image through the whole pipeline (network, decoding,
 * post-processing). Artifacts: {@code prCurves} (interpolated precision at the 101 COCO recall points, IoU 0.5,
 * per category, main test set) and {@code examples} (test images as PNG with their true and detected boxes), which the
 * report draws in its precision–recall and examples sections ({@link PrCurves}, {@link ExampleImage}).
 *
 * <p>Trained detectors are shared between trials that differ only in post-processing ({@link SharedWork}: in memory,
 * and on disk under the results' cache directory so that trial processes, shards and {@code --resume} train each
 * once; key and layout in {@link DetectorCache}). Such trials report the training time and loss curve of the
 * detector they reuse, and say where it came from in the artifact {@code detector}.
 */
public final class DetectionTask implements Task {
    static final int DETECTIONS_PER_IMAGE = 100;
    static final int POSTPROCESS_RUNS = 5;
    static final int EVAL_BATCH = 64;
    /** Timed images per latency iteration ({@link Latency}: warm-up, then measured iterations). */
    static final int LATENCY_OPS = 6;
    static final List<String> METRICS = List.of("mAP", "AP50", "AP75", "AR100");
    static final String POSTPROCESS_MS = "postprocessMs";
    static final int DETECTORS_KEPT = 16;
    static final SharedWork<TrainedDetector> CACHE = new SharedWork<>("detector", DETECTORS_KEPT, DetectorCache.CODEC);

    /**
     * A trained detector: its parameters as {@code Block.saveParameters} writes them, how training went, and its
     * raw (not yet post-processed) detections on each test set of the trial's data, in the data's order. The key
     * ({@link DetectorCache#key}) is everything that determines training and nothing else, so variants that differ
     * only in the post-processor share one per seed.
     */
    record TrainedDetector(byte[] parameters, List<Double> trainLoss, double trainSeconds, List<Detections> raw) {
    }

    @Override
    public String id() {
        return "detection";
    }

    @Override
    public String summary() {
        return "object detection (synthetic shape scenes with a crowding dial, or COCO-format data); COCO metrics";
    }

    @Override
    public List<SlotSpec> slots() {
        return List.of(
                new SlotSpec(DetectorPlugin.SLOT, DetectorPlugin.class, FcosMiniPlugin.ID, "detector family and size"),
                new SlotSpec(ClassificationLossPlugin.SLOT, ClassificationLossPlugin.class,
                        FocalLoss.ID, "loss of the per-class logits"),
                new SlotSpec(BoxLossPlugin.SLOT, BoxLossPlugin.class, GiouLoss.ID,
                        "loss of the box regression"),
                new SlotSpec(PostprocessPlugin.SLOT, PostprocessPlugin.class,
                        GreedyNms.ID, "non-maximum suppression, class-wise"));
    }

    @Override
    public List<String> datasets() {
        return List.of(DetectionData.SYNTHETIC, DetectionData.COCO);
    }

    @Override
    public String primaryMetric() {
        return "mAP";
    }

    /** The COCO figures are higher-is-better, the post-processing time lower; each also under every test set's suffix. */
    @Override
    public Map<String, Direction> metrics() {
        Map<String, Direction> d = new LinkedHashMap<>();
        METRICS.forEach(m -> d.put(m, Direction.HIGHER));
        d.put(POSTPROCESS_MS, Direction.LOWER);
        return d;
    }

    /**
     * Checks the dataset settings; the task takes no {@code options:} (the detector's size is the {@code model}
     * slot's parameters).
     */
    @Override
    public void prepare(DatasetSpec dataset, Map<String, Object> options, Path dataDir) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("options: the detection task has no options (got "
                    + String.join(", ", new TreeMap<>(options).keySet()) + "); set the detector's size on the model "
                    + "slot, e.g. model: {id: " + FcosMiniPlugin.ID + ", width: 32}");
        }
        DetectionData.validate(dataset, dataDir);
    }

    /**
     * Trials that differ only in the post-processor share one seed's detector ({@link DetectorCache#key}): one shard
     * for them, so no shard trains it again.
     */
    @Override
    public Object shareKey(Map<String, Object> config) {
        return Task.withoutSlots(config, PostprocessPlugin.SLOT);
    }

    @Override
    public TrialOutcome run(TrialContext ctx) throws Exception {
        DetectionData data = DetectionData.load(ctx.dataset(), ctx.dataDir(), ctx.seed());
        int classes = data.categories().size();
        var model = ctx.slot(DetectorPlugin.SLOT, DetectorPlugin.class);
        var cls = ctx.slot(ClassificationLossPlugin.SLOT, ClassificationLossPlugin.class);
        var box = ctx.slot(BoxLossPlugin.SLOT, BoxLossPlugin.class);
        var post = ctx.slot(PostprocessPlugin.SLOT, PostprocessPlugin.class);
        Detector.Losses losses = new Detector.Losses(cls.plugin(), cls.params(), box.plugin(), box.params());

        SharedWork.Lookup<TrainedDetector> lookup = CACHE.get(DetectorCache.key(ctx, model, cls, box), ctx.cacheDir(), () -> {
            DetectorTraining.Result result = DetectorTraining.train(model.plugin().create(classes, model.params()),
                    data.train(), losses, ctx);
            try (Loaded loaded = new Loaded(model.plugin().create(classes, model.params()), result.parameters(), ctx)) {
                List<Detections> raw = new ArrayList<>();
                for (int i = 0; i < data.evals.size(); i++) {
                    DetectionSet set = data.evals.get(i).set();
                    int same = i == 0 ? -1 : data.evals.subList(0, i).stream().map(DetectionData.EvalSet::set).toList()
                            .indexOf(set); // a level equal to the main test set's is the same set
                    raw.add(same >= 0 ? raw.get(same) : loaded.raw(set));
                }
                return new TrainedDetector(result.parameters(), result.trainLoss(), result.seconds(), raw);
            }
        }, ctx::checkCancelled);
        TrainedDetector trained = lookup.value();
        if (!lookup.computedHere()) {
            for (int e = 0; e < trained.trainLoss().size(); e++) {
                ctx.progress(e + 1, trained.trainLoss().size(), trained.trainLoss().get(e));
            }
        }

        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, Object> artifacts = new LinkedHashMap<>();
        List<Map<String, Object>> examples = new ArrayList<>();
        for (int i = 0; i < data.evals.size(); i++) {
            DetectionData.EvalSet e = data.evals.get(i);
            Scored r = score(e.set(), trained.raw().get(i), post.plugin(), post.params(), ctx);
            CocoSummary c = r.summary();
            double[] values = {c.ap(), c.ap50(), c.ap75(), c.ar100()};
            for (int m = 0; m < METRICS.size(); m++) {
                if (values[m] >= 0) { // -1: undefined (no object of any category)
                    metrics.put(METRICS.get(m) + e.suffix(), values[m]);
                }
            }
            metrics.put(POSTPROCESS_MS + e.suffix(), r.postprocessMsPerImage());
            if (i == 0) {
                artifacts.put(PrCurves.ARTIFACT, prCurves(r, e.set()));
            }
            if (i == 0 || i == data.evals.size() - 1) {
                examples.add(ExampleImages.of(e.set(), ExampleImages.busiest(e.set()), r.detections(),
                        e.suffix().isEmpty() ? "test" : "test" + e.suffix()));
            }
        }
        artifacts.put(ExampleImage.ARTIFACT, examples);
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        curves.put("trainLoss", trained.trainLoss());
        againstCrowding(data.evals, metrics, curves, artifacts);
        artifacts.put("detector", switch (lookup.source()) {
            case COMPUTED -> "trained in this trial";
            case MEMORY -> "reused: trained earlier in this process with the same data, budget, model, losses and seed";
            case DISK -> "reused: loaded from the results' cache, trained by an earlier trial with the same data, "
                    + "budget, model, losses and seed";
        });
        artifacts.put("dataSource", data.description());

        try (Loaded loaded = new Loaded(model.plugin().create(classes, model.params()), trained.parameters(), ctx)) {
            double[] latency = loaded.latencyMs(data.evals.get(0).set(), post.plugin(), post.params());
            ModelCost size = ModelCost.of(loaded.detector.block(), loaded.one);
            Cost cost = new Cost(size.trainableParams(), size.totalParams(), size.macsPerSample(), trained.trainSeconds(),
                    latency[0], latency[1], -1);
            return new TrialOutcome(metrics, curves, cost, artifacts);
        }
    }

    /**
     * With two or more {@code eval-crowding} levels, each metric as a curve against the crowding (levels in rising
     * order, the x axis declared for the report): {@code mAP vs crowding}, and so on.
     */
    static void againstCrowding(List<DetectionData.EvalSet> evals, Map<String, Double> metrics,
                                Map<String, List<Double>> curves, Map<String, Object> artifacts) {
        List<DetectionData.EvalSet> levels = evals.stream().filter(e -> !Double.isNaN(e.crowding()))
                .sorted(Comparator.comparingDouble(DetectionData.EvalSet::crowding)).toList();
        if (levels.size() < 2) {
            return;
        }
        Map<String, Object> axes = new LinkedHashMap<>();
        List<Double> x = levels.stream().map(DetectionData.EvalSet::crowding).toList();
        for (String metric : Stream.concat(METRICS.stream(), Stream.of(POSTPROCESS_MS)).toList()) {
            List<Double> y = levels.stream().map(e -> metrics.get(metric + e.suffix())).toList();
            if (y.stream().allMatch(Objects::nonNull)) {
                curves.put(metric + " vs crowding", y);
                axes.put(metric + " vs crowding", CurveAxis.declare("crowding (share of objects overlapping a partner)", x));
            }
        }
        artifacts.put(CurveAxis.ARTIFACT, axes);
    }

    private static Map<String, Object> prCurves(Scored r, DetectionSet set) {
        List<Map<String, Object>> curves = new ArrayList<>();
        for (PrecisionRecall.Curve c : PrecisionRecall.curves(r.truth(), r.detections(), 0.5)) {
            if (c.precision() == null) {
                continue;
            }
            Map<String, Object> curve = new LinkedHashMap<>();
            curve.put("categoryId", c.categoryId());
            curve.put("category", c.name());
            curve.put("objects", c.objects());
            curve.put("ap", c.ap());
            curve.put("precision", Arrays.stream(c.precision()).boxed().toList());
            curves.add(curve);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("iou", 0.5);
        out.put("set", set.description());
        out.put("recall", Arrays.stream(CocoEval.RECALL_THRESHOLDS).boxed().toList());
        out.put("curves", curves);
        return out;
    }

    /** A test set scored: COCO summary, the inputs of the PR curves, and the post-processor's time per image. */
    record Scored(CocoSummary summary, CocoGroundTruth truth, List<CocoDetection> detections,
                  double postprocessMsPerImage) {
    }

    /**
     * Post-processes raw detections (timed: median of {@value #POSTPROCESS_RUNS} runs after one warm-up), keeps the
     * {@value #DETECTIONS_PER_IMAGE} best per image and scores them.
     */
    static Scored score(DetectionSet set, Detections raw, PostprocessPlugin post, Params postParams, TrialContext ctx) {
        double[] times = new double[POSTPROCESS_RUNS];
        Detections kept = post.apply(raw, postParams);
        for (int run = 0; run < POSTPROCESS_RUNS; run++) {
            ctx.checkCancelled();
            long t0 = System.nanoTime();
            kept = post.apply(raw, postParams);
            times[run] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(times);
        List<CocoDetection> results = CocoScoring.results(kept, set, DETECTIONS_PER_IMAGE);
        CocoGroundTruth truth = CocoScoring.groundTruth(set);
        return new Scored(CocoEval.evaluate(truth, results), truth, results,
                times[POSTPROCESS_RUNS / 2] / Math.max(1, set.size()));
    }

    /** A detector with trained parameters, on the trial's device, for inference. */
    static final class Loaded implements AutoCloseable {
        final Detector detector;
        final Shape one;
        private final NDManager manager;
        private final TrialContext ctx;

        Loaded(Detector detector, byte[] parameters, TrialContext ctx) throws IOException, MalformedModelException {
            this.detector = detector;
            this.ctx = ctx;
            int s = detector.inputSize();
            one = new Shape(1, 3, s, s);
            manager = NDManager.newBaseManager(ctx.device());
            Block block = detector.block();
            ctx.seeded(() -> { // initialisation draws random numbers: keep other trials' seeded draws undisturbed
                block.initialize(manager, DataType.FLOAT32, one);
                return null;
            });
            block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(parameters)));
        }

        /** The decoded candidates of every image of {@code set} (image = position in the set). */
        Detections raw(DetectionSet set) {
            int s = detector.inputSize();
            DetectionSet input = set.resized(s, s);
            Detections.Builder out = Detections.builder(set.size() * 64);
            ParameterStore store = new ParameterStore(manager, false);
            int[] all = new int[set.size()];
            Arrays.setAll(all, i -> i);
            float[] pixels = new float[EVAL_BATCH * input.imageSize()];
            for (int from = 0; from < set.size(); from += EVAL_BATCH) {
                ctx.checkCancelled();
                int count = Math.min(EVAL_BATCH, set.size() - from);
                input.fill(all, from, count, pixels, DetectorTraining.NORMALIZATION);
                List<Detector.Frame> frames = new ArrayList<>(count);
                for (int k = 0; k < count; k++) {
                    var image = set.images().get(from + k);
                    frames.add(new Detector.Frame(from + k, image.width(), image.height(), (double) image.width() / s,
                            (double) image.height() / s));
                }
                try (NDManager step = manager.newSubManager()) {
                    NDList outputs = detector.block().forward(store, new NDList(step.create(
                            count == EVAL_BATCH ? pixels : Arrays.copyOf(pixels, count * input.imageSize()),
                            new Shape(count, 3, s, s))), false);
                    detector.decode(outputs, frames, out);
                }
            }
            return out.build();
        }

        /** Median and 95th percentile, in ms, of one image through network, decoding and post-processing. */
        double[] latencyMs(DetectionSet set, PostprocessPlugin post, Params postParams) {
            DetectionSet first = set.subset(new int[]{0});
            Latency.Result r = Latency.measure(LATENCY_OPS, ctx::checkCancelled, () -> post.apply(raw(first), postParams));
            return new double[]{r.medianMs(), r.p95Ms()};
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
