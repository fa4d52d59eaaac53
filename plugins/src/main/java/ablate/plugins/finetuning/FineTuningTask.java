package ablate.plugins.finetuning;

import ablate.datasets.Normalization;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.SlotSpec;
import ablate.harness.spi.Task;
import ablate.harness.spi.TrialContext;
import ablate.harness.spi.TrialOutcome;
import ablate.results.Direction;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.util.Pair;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fine-tuning (PEFT): a backbone pretrained on a source task ({@link Pretraining}, shared by the variants of a seed)
 * is adapted to a shifted target task with few labels by the {@code adaptation} slot's method ({@link FineTuning}),
 * and each method is scored by target accuracy and by its cost — trainable share, size on disk of what it trained,
 * peak memory and time of fine-tuning, inference latency before and after merging.
 */
public final class FineTuningTask implements Task {
    static final String BACKBONE = "backbone";
    static final String ADAPTATION = "adaptation";
    static final String FASHION_MNIST = "fashion-mnist";
    /** The input every backbone is checked against before any trial (the task's only dataset is 28×28 grey). */
    static final Shape IMAGE = new Shape(1, 28, 28);

    static final Map<String, Direction> METRICS = metricDirections();

    private static Map<String, Direction> metricDirections() {
        Map<String, Direction> d = new LinkedHashMap<>();
        d.put("accuracy", Direction.HIGHER);
        d.put("macroF1", Direction.HIGHER);
        d.put("trainablePercent", Direction.LOWER);
        d.put("trainableParams", Direction.LOWER);
        d.put("adapterKiB", Direction.LOWER);
        d.put("peakMemoryMiB", Direction.LOWER);
        d.put("fineTuneSeconds", Direction.LOWER);
        d.put("latencyMs", Direction.LOWER);
        d.put("latencyUnmergedMs", Direction.LOWER);
        d.put("mergeMaxAbsDiff", Direction.NONE);  // a check (≈1e-6), not a score
        d.put("sourceAccuracy", Direction.NONE);   // the shared pretrained network's, equal across variants
        d.put("pretrainSeconds", Direction.NONE);
        return Collections.unmodifiableMap(d);
    }

    @Override
    public String id() {
        return "fine-tuning";
    }

    @Override
    public String summary() {
        return "parameter-efficient fine-tuning: pretrain on some Fashion-MNIST classes, adapt to the others with few labels";
    }

    @Override
    public List<SlotSpec> slots() {
        return List.of(
                new SlotSpec(BACKBONE, FineTuneBackbonePlugin.class, VitTinyPlugin.INFO.id(), "pretrained network"),
                new SlotSpec(ADAPTATION, AdaptationPlugin.class, FullFineTuningPlugin.INFO.id(),
                        "how the pretrained network is adapted to the target task"));
    }

    @Override
    public List<String> datasets() {
        return List.of(FASHION_MNIST);
    }

    @Override
    public String primaryMetric() {
        return "accuracy";
    }

    @Override
    public Map<String, Direction> metrics() {
        return METRICS;
    }

    @Override
    public void prepare(DatasetSpec dataset, Map<String, Object> options, Path dataDir) {
        if (!dataset.options().isEmpty()) {
            throw new IllegalArgumentException("dataset." + dataset.options().keySet().iterator().next()
                    + ": the fine-tuning task takes no dataset options");
        }
        Options.check(options);
        FineTuningData.load(dataset, dataDir, options, 0); // reads the data and checks the class split and counts
    }

    @Override
    public void prepareVariant(DatasetSpec dataset, Map<String, Object> options, Path dataDir,
                               Map<String, TrialContext.Bound<? extends Plugin>> slots) {
        var backbone = slots.get(BACKBONE);
        var adaptation = slots.get(ADAPTATION);
        check((FineTuneBackbonePlugin) backbone.plugin(), backbone.params(),
                (AdaptationPlugin) adaptation.plugin(), adaptation.params());
    }

    /**
     * Rejects an adaptation that cannot apply to the backbone, before anything trains: a LoRA target that names no
     * module (the message lists those that exist), a rank above a target layer's smaller side, adapters or prompts
     * on a network without a place for them, a method that would train none of the backbone's parameters.
     */
    static void check(FineTuneBackbonePlugin backbone, Params bp, AdaptationPlugin adaptation, Params ap) {
        String b = backbone.id();
        String a = adaptation.id();
        Insertions add = adaptation.insertions(ap);
        Map<String, int[]> modules = backbone.linearModules(bp);
        for (String target : add.loraTargets()) {
            int[] io = modules.get(target);
            if (io == null) {
                throw new IllegalArgumentException(a + ": target '" + target + "' names no module of " + b + " ("
                        + (modules.isEmpty() ? "it has no linear module to adapt: its layers are convolutions"
                        : "its modules: " + String.join(", ", modules.keySet())) + ")");
            }
            int max = Math.min(io[0], io[1]);
            if (add.loraRank() > max) {
                throw new IllegalArgumentException(a + ": rank " + add.loraRank() + " is larger than module '" + target
                        + "' of " + b + " (" + io[0] + " → " + io[1] + ") allows: at most " + max);
            }
        }
        if (add.adapterSize() > 0 && !backbone.takesAdapters()) {
            throw new IllegalArgumentException(a + " applies to no parameter of " + b
                    + ": it has no transformer layers to put adapters in");
        }
        if (add.promptTokens() > 0 && !backbone.takesPrompts()) {
            throw new IllegalArgumentException(a + " applies to no parameter of " + b
                    + ": it takes images, not a token sequence to prepend prompts to");
        }
        if (adaptation.trainsBackbone()) {
            Block features = backbone.features(IMAGE, add, bp);
            boolean any = false;
            for (Pair<String, ai.djl.nn.Parameter> p : features.getParameters()) {
                any |= adaptation.trains(p.getKey(), ap);
            }
            if (!any) {
                throw new IllegalArgumentException(a + " applies to no parameter of " + b);
            }
        }
    }

    @Override
    public TrialOutcome run(TrialContext ctx) throws Exception {
        var backbone = ctx.slot(BACKBONE, FineTuneBackbonePlugin.class);
        var adaptation = ctx.slot(ADAPTATION, AdaptationPlugin.class);
        check(backbone.plugin(), backbone.params(), adaptation.plugin(), adaptation.params());
        FineTuningData data = FineTuningData.load(ctx.dataset(), ctx.dataDir(), ctx.options(), ctx.seed());
        // the source task's statistics: the pretrained network saw inputs normalised this way
        Normalization norm = data.sourceTrain().statistics();
        var pre = Pretraining.CACHE.get(Pretraining.key(ctx, backbone), ctx.cacheDir(),
                () -> Pretraining.train(backbone.plugin(), backbone.params(), data, norm, ctx), ctx::checkCancelled);
        return FineTuning.run(ctx, data, norm, pre.value(), pre.source() != ablate.plugins.common.SharedWork.Source.DISK
                && pre.source() != ablate.plugins.common.SharedWork.Source.MEMORY);
    }
}
