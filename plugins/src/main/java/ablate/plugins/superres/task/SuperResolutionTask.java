package ablate.plugins.superres.task;

import ablate.plugins.common.ProcessMemory;
import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.SlotSpec;
import ablate.harness.spi.Task;
import ablate.harness.spi.TrialContext;
import ablate.harness.spi.TrialOutcome;
import ablate.plugins.common.ModelCost;
import ablate.plugins.common.Optimizers;
import ablate.plugins.common.Steps;
import ablate.plugins.superres.SrLossPlugin;
import ablate.plugins.superres.SrModelPlugin;
import ablate.results.Cost;
import ablate.results.Direction;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Single-image super-resolution of the luma channel ({@link SrData}, {@link SrPair}): trains the {@code model} slot's
 * network with the {@code loss} slot's loss on random aligned HR/LR patches (uniform over the training images,
 * with the 8 flips and 90° rotations), then restores every test image whole and scores it by the protocol of
 * {@link SrEvaluation}: {@code psnrY} (primary) and {@code ssimY}, means over the test images, and
 * {@code psnrY@image=NAME} and {@code ssimY@image=NAME} per test image (so {@code summary.json} has them),
 * {@code msPerMegapixel}, the time to restore them (median of {@value #TIMED_PASSES} passes after one warm-up) per
 * output megapixel. {@code sr.bicubic} trains nothing and is scored the same way. Artifacts: {@code srPerImage}
 * (PSNR-Y and SSIM-Y per test image), {@code srCrops} (the same zoomed region of HR, bicubic and this output for the
 * first test images) and {@code srProtocol} (every choice of the protocol, as provenance).
 */
public final class SuperResolutionTask implements Task {
    static final int TIMED_PASSES = 3;
    static final int CROPPED_IMAGES = 2;
    static final Map<String, Direction> METRICS = Map.of("psnrY", Direction.HIGHER, "ssimY", Direction.HIGHER,
            "msPerMegapixel", Direction.LOWER);

    @Override
    public String id() {
        return "super-resolution";
    }

    @Override
    public String summary() {
        return "single-image super-resolution of the luma, PSNR-Y/SSIM-Y by the standard (BasicSR) protocol";
    }

    @Override
    public List<SlotSpec> slots() {
        return List.of(new SlotSpec("model", SrModelPlugin.class, "sr.bicubic", "upscaling method or network"),
                new SlotSpec("loss", SrLossPlugin.class, "sr-loss.l2", "training loss (unused by sr.bicubic)"));
    }

    @Override
    public List<String> datasets() {
        return List.of(SrData.IMAGES);
    }

    @Override
    public String primaryMetric() {
        return "psnrY";
    }

    @Override
    public Map<String, Direction> metrics() {
        return METRICS;
    }

    @Override
    public void prepare(DatasetSpec dataset, Map<String, Object> options, Path dataDir) {
        SrData data = SrData.load(dataset, options);   // reads and checks every image before any trial starts
        data.check(4, 0, false);
    }

    /** Each planned model against the images: its receptive field at this scale and, if it trains, the patch. */
    @Override
    public void prepareVariant(DatasetSpec dataset, Map<String, Object> options, Path dataDir,
                               Map<String, TrialContext.Bound<? extends Plugin>> slots) {
        if (slots.get("model") != null && slots.get("model").plugin() instanceof SrModelPlugin model) {
            SrData data = SrData.load(dataset, options);
            Params p = slots.get("model").params();
            data.check(model.receptiveField(data.scale(), p), model.margin(data.scale(), p), model.trains());
        }
    }

    @Override
    public TrialOutcome run(TrialContext ctx) throws Exception {
        SrData data = SrData.load(ctx.dataset(), ctx.options());
        var model = ctx.slot("model", SrModelPlugin.class);
        var loss = ctx.slot("loss", SrLossPlugin.class);
        boolean up = model.plugin().upsampledInput();
        Block block = model.plugin().create(data.scale(), model.params());
        int margin = model.plugin().margin(data.scale(), model.params());
        data.check(model.plugin().receptiveField(data.scale(), model.params()), margin, block != null);
        List<SrPair> test = data.test().stream().map(i -> SrPair.of(i, data.scale())).toList();
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        if (block == null) {
            return outcome(ctx, data, test, null, null, 0, curves, 0, new ModelCost(0, 0, 0));
        }
        List<SrPair> train = data.train().stream().map(i -> SrPair.of(i, data.scale())).toList();
        Budget budget = ctx.budget();
        int batch = budget.batchSize();
        int p = data.patch();
        int in = up ? (p + 2 * margin) * data.scale() : p + 2 * margin;
        Shape inputShape = new Shape(batch, 1, in, in);
        try (Model m = Model.newInstance("trial", ctx.device())) {
            m.setBlock(block);
            Optimizer optimizer = Optimizers.of(budget, data.steps() * budget.epochs());
            int hrMargin = margin * data.scale();
            DefaultTrainingConfig config = new DefaultTrainingConfig(new PluginLoss(loss.plugin(), loss.params(), hrMargin))
                    .optOptimizer(optimizer).optDevices(new ai.djl.Device[]{ctx.device()});
            try (Trainer trainer = m.newTrainer(config)) {
                ctx.seeded(() -> {
                    trainer.initialize(inputShape);
                    return null;
                });
                Steps steps = new Steps(trainer, optimizer);
                Random rng = new Random(ctx.seed());
                List<Double> trainLoss = new ArrayList<>();
                List<Double> testPsnr = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int epoch = 1; epoch <= budget.epochs(); epoch++) {
                    double l = trainEpoch(steps, trainer, train, data, margin, up, batch, rng, ctx);
                    trainLoss.add(l);
                    ctx.progress(epoch, budget.epochs(), l);   // a NaN loss ends the trial as diverged here
                    if (epoch < budget.epochs()) {             // the last epoch is scored below
                        testPsnr.add(SrEvaluation.score(test, restoreAll(block, trainer.getManager(), test, up, margin)).psnrY());
                    }
                }
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                curves.put("trainLoss", trainLoss);
                curves.put("testPsnrY", testPsnr);
                SrPair first = test.get(0);
                ModelCost size = ModelCost.of(block, new Shape(1, 1, up ? first.height() : first.lrHeight(),
                        up ? first.width() : first.lrWidth()));
                return outcome(ctx, data, test, block, trainer.getManager(), margin, curves, trainSeconds, size);
            }
        }
    }

    private TrialOutcome outcome(TrialContext ctx, SrData data, List<SrPair> test, Block block, NDManager manager,
                                 int margin, Map<String, List<Double>> curves, double trainSeconds, ModelCost size) {
        boolean up = ctx.slot("model", SrModelPlugin.class).plugin().upsampledInput();
        SrEvaluation.Scores s = SrEvaluation.score(test, restoreAll(block, manager, test, up, margin));
        if (curves.containsKey("testPsnrY")) {
            curves.get("testPsnrY").add(s.psnrY());
        }
        // Timing: one warm-up pass over the test images, then the median of TIMED_PASSES passes; per output MP.
        double megapixels = test.stream().mapToDouble(t -> t.width() * (double) t.height()).sum() / 1e6;
        restoreAll(block, manager, test, up, margin);
        double[] passes = new double[TIMED_PASSES];
        double[] first = new double[TIMED_PASSES];
        for (int i = 0; i < TIMED_PASSES; i++) {
            ctx.checkCancelled();
            long t0 = System.nanoTime();
            SrEvaluation.restore(block, manager, test.get(0), up, margin);
            first[i] = (System.nanoTime() - t0) / 1e6;
            restoreAll(block, manager, test.subList(1, test.size()), up, margin);
            passes[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(passes);
        java.util.Arrays.sort(first);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("psnrY", s.psnrY());
        metrics.put("ssimY", s.ssimY());
        metrics.put("msPerMegapixel", passes[TIMED_PASSES / 2] / megapixels);
        for (Map<String, Object> row : s.perImage()) {   // per image too, so summary.json carries them
            metrics.put("psnrY@image=" + row.get("name"), (Double) row.get("psnrY"));
            metrics.put("ssimY@image=" + row.get("name"), (Double) row.get("ssimY"));
        }
        Cost cost = new Cost(size.trainableParams(), size.totalParams(), size.macsPerSample(), trainSeconds,
                first[TIMED_PASSES / 2], first[TIMED_PASSES - 1], ProcessMemory.peakBytes());
        Map<String, Object> artifacts = new LinkedHashMap<>();
        artifacts.put("srPerImage", s.perImage());
        List<Map<String, Object>> crops = new ArrayList<>();
        for (int i = 0; i < Math.min(CROPPED_IMAGES, test.size()); i++) {
            crops.add(SrEvaluation.crop(test.get(i), s.outputs().get(i), data.crop()));
        }
        artifacts.put("srCrops", crops);
        artifacts.put("srProtocol", protocol(data));
        artifacts.put("dataSource", data.description());
        return new TrialOutcome(metrics, curves, cost, artifacts);
    }

    static Map<String, Object> protocol(SrData data) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("scale", data.scale());
        p.put("hrCrop", "top-left, width and height cut to multiples of the scale");
        p.put("lr", "MATLAB imresize bicubic (a=-0.5, antialiased, symmetric padding) of the HR RGB, in double, "
                + "rounded to uint8 (BasicSR matlab_functions.imresize)");
        p.put("channel", "BT.601 luma Y = 16 + (65.481 R + 128.553 G + 24.966 B)/255 in [16, 235], not rounded");
        p.put("output", "network output x255, clamped to [0, 255] and rounded to 8 bits before scoring");
        p.put("border", data.scale() + " pixels cropped from every side before PSNR and SSIM");
        p.put("psnr", "10 log10(255^2 / MSE) on Y");
        p.put("ssim", "Wang et al. 2004, Gaussian 11x11 window sigma 1.5, K1 0.01, K2 0.03, data range 255, "
                + "population covariances (scikit-image structural_similarity)");
        p.put("mean", "arithmetic mean of the per-image values");
        return p;
    }

    private static List<double[]> restoreAll(Block block, NDManager manager, List<SrPair> pairs, boolean up, int margin) {
        List<double[]> out = new ArrayList<>();
        for (SrPair p : pairs) {
            out.add(SrEvaluation.restore(block, manager, p, up, margin));
        }
        return out;
    }

    /** {@code steps} optimizer steps on random patches with {@code margin} LR pixels of context; the mean loss. */
    private static double trainEpoch(Steps steps, Trainer trainer, List<SrPair> train, SrData data, int margin,
                                     boolean up, int batch, Random rng, TrialContext ctx) {
        int p = data.patch();
        int hp = p * data.scale();
        int n = p + 2 * margin;
        int in = up ? n * data.scale() : n;
        float[] input = new float[batch * in * in];
        float[] target = new float[batch * hp * hp];
        Shape x = new Shape(batch, 1, in, in);
        Shape y = new Shape(batch, 1, hp, hp);
        try (NDManager epoch = trainer.getManager().newSubManager()) {
            NDArray lossSum = epoch.zeros(new Shape(), DataType.FLOAT32);
            for (int k = 0; k < data.steps(); k++) {
                ctx.checkCancelled();
                for (int b = 0; b < batch; b++) {
                    SrPair pair = train.get(rng.nextInt(train.size()));
                    int lx = rng.nextInt(pair.lrWidth() - n + 1);
                    int ly = rng.nextInt(pair.lrHeight() - n + 1);
                    pair.patch(lx, ly, p, margin, rng.nextInt(8), up, input, target, b);
                }
                steps.train(step -> new NDList[]{new NDList(step.create(input, x)), new NDList(step.create(target, y))},
                        lossSum);
            }
            return lossSum.getFloat() / data.steps();
        }
    }

    /**
     * The loss slot's plugin as the trainer's loss, on the output's interior: {@code crop} HR pixels of every side,
     * the context margin, are left out, so the pixels that see the convolutions' zero padding are not scored.
     */
    static final class PluginLoss extends Loss {
        private final SrLossPlugin plugin;
        private final Params params;
        private final int crop;

        PluginLoss(SrLossPlugin plugin, Params params, int crop) {
            super(plugin.info().id());
            this.plugin = plugin;
            this.params = params;
            this.crop = crop;
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray y = predictions.singletonOrThrow();
            if (crop > 0) {
                long h = y.getShape().get(2);
                long w = y.getShape().get(3);
                y = y.get(":, :, " + crop + ":" + (h - crop) + ", " + crop + ":" + (w - crop));
            }
            return plugin.loss(y, labels.singletonOrThrow(), params);
        }
    }
}
