package ablate.plugins.finetuning;

import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.TrialContext;
import ablate.harness.spi.TrialOutcome;
import ablate.plugins.common.FixedContext;
import ablate.plugins.common.Optimizers;
import ablate.plugins.common.Steps;
import ablate.results.Direction;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fine-tuning task end to end on a small budget, its freezing, and its checks of impossible combinations. */
class FineTuningTaskTest {
    static final Budget BUDGET = new Budget(1, 16, 0.002, "cosine", "adam", 0);
    static final DatasetSpec DATA = new DatasetSpec("fashion-mnist", "embedded", 0, 0, Map.of());
    static final Map<String, Object> OPTIONS = Map.of("source-per-class", 40, "target-per-class", 8,
            "pretrain-epochs", 1);
    /** A ViT small enough for a unit test: width 16, one layer. */
    static final Map<String, Object> SMALL_VIT = Map.of("dim", 16, "depth", 1, "heads", 2);

    static FixedContext context(long seed, Plugin adaptation, Map<String, Object> params) {
        return new FixedContext(seed, BUDGET, DATA, OPTIONS)
                .with(FineTuningTask.BACKBONE, new VitTinyPlugin(), SMALL_VIT)
                .with(FineTuningTask.ADAPTATION, adaptation, params);
    }

    /** Every array alive in the engine (every base manager is a child of its system manager), as StepsMemoryTest counts. */
    static int liveArrays() {
        try (ai.djl.ndarray.NDManager base = ai.djl.ndarray.NDManager.newBaseManager()) {
            return base.getParentManager().getManagedArrays().size();
        }
    }

    @Test
    void frozenParametersGetNoGradientAndDoNotChange() throws Exception {
        FixedContext ctx = context(5, new LoraPlugin(), Map.of("rank", 2, "dropout", 0.0));
        Params vit = Params.resolve(VitTinyPlugin.INFO, SMALL_VIT);
        var lora = ctx.slot(FineTuningTask.ADAPTATION, AdaptationPlugin.class);
        FineTuneNet net = new FineTuneNet(new VitTinyPlugin().features(FineTuningTask.IMAGE,
                lora.plugin().insertions(lora.params()), vit), 5);
        try (ai.djl.ndarray.NDManager m0 = ai.djl.ndarray.NDManager.newBaseManager()) {
            // a "pretrained" base of the same shape
            var base = new VitTinyPlugin().features(FineTuningTask.IMAGE, Insertions.NONE, vit);
            base.initialize(m0, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(2, 1, 28, 28));
            Pretraining.Pretrained pre = PeftBlocksTest.snapshot(base);
            try (Model m = Model.newInstance("t", ctx.device())) {
                m.setBlock(net);
                Optimizer opt = Optimizers.of(BUDGET, 100); // a schedule long enough that the learning rate is not 0 yet
                try (Trainer trainer = m.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optOptimizer(opt).optDevices(new ai.djl.Device[]{ctx.device()}))) {
                    Shape input = new Shape(4, 1, 28, 28);
                    List<String> frozen = FineTuning.prepare(net, trainer, pre, lora, ctx, input);
                    // every base parameter is frozen; exactly the 2 LoRA matrices of query and value train
                    assertThat(frozen).hasSize(pre.features().size());
                    Map<String, float[]> before = new HashMap<>();
                    net.getParameters().forEach(p -> before.put(p.getKey(), p.getValue().getArray().toFloatArray()));
                    Steps steps = new Steps(trainer, opt);
                    // one step on a batch, read the gradients before the update zeroes them: run forward/backward by hand
                    try (var step = trainer.getManager().newSubManager();
                         var gc = trainer.newGradientCollector()) {
                        NDArray x = step.randomNormal(input);
                        NDArray y = step.create(new int[]{0, 1, 2, 3});
                        gc.backward(trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x))));
                        for (Pair<String, Parameter> p : net.getParameters()) {
                            NDArray g = JniUtils.getGradient((PtNDArray) p.getValue().getArray());
                            boolean isFrozen = frozen.contains(p.getKey().substring("01features_".length()))
                                    && p.getKey().startsWith("01features_");
                            if (isFrozen) {
                                assertThat(g).as("gradient of frozen " + p.getKey()).isNull();
                            } else if (!p.getKey().endsWith("_loraA")) { // A's gradient is B·… = 0 while B = 0
                                assertThat(g).as("gradient of " + p.getKey()).isNotNull();
                                assertThat(g.abs().max().getFloat()).as(p.getKey()).isGreaterThan(0f);
                            }
                        }
                    }
                    try (var step = trainer.getManager().newSubManager()) {
                        NDArray lossSum = step.zeros(new Shape());
                        int live = 0;
                        for (int i = 0; i < 5; i++) {
                            if (i == 2) { // after Adam has made its state: nothing may outlive a step from here on
                                live = liveArrays();
                            }
                            steps.train(s -> new NDList[]{new NDList(s.randomNormal(input)),
                                    new NDList(s.create(new int[]{0, 1, 2, 3}))}, lossSum);
                        }
                        assertThat(liveArrays()).isEqualTo(live);
                    }
                    for (Pair<String, Parameter> p : net.getParameters()) {
                        float[] now = p.getValue().getArray().toFloatArray();
                        String name = p.getKey();
                        boolean trains = name.startsWith("02head") || name.endsWith("_loraA") || name.endsWith("_loraB");
                        if (trains) {
                            assertThat(now).as(name).isNotEqualTo(before.get(name));
                        } else {
                            assertThat(now).as(name).containsExactly(before.get(name));
                        }
                    }
                }
            }
        }
    }

    @Test
    void aSmallRunRecordsEveryDeclaredMetricSharesThePretrainedBackboneAndRepeats() throws Exception {
        FineTuningTask task = new FineTuningTask();
        Pretraining.CACHE.clear();
        TrialOutcome lora = task.run(context(7, new LoraPlugin(), Map.of("rank", 4)));
        TrialOutcome full = task.run(context(7, new FullFineTuningPlugin(), Map.of()));
        assertThat(Direction.undeclared(task.metrics(), lora.metrics().keySet())).isEmpty();
        assertThat(Direction.undeclared(task.metrics(), full.metrics().keySet())).isEmpty();
        // the pretrained network is computed once and shared: the same source accuracy, pretraining curve and time
        assertThat(full.metrics().get("sourceAccuracy")).isEqualTo(lora.metrics().get("sourceAccuracy"));
        assertThat(full.curves().get("pretrainLoss")).isEqualTo(lora.curves().get("pretrainLoss"));
        assertThat(full.metrics().get("pretrainSeconds")).isEqualTo(lora.metrics().get("pretrainSeconds"));
        // dim 16, depth 1, MLP 32: 4·(16·16+16) + (16·32+32) + (32·16+16) + 4·16 + patch 16·16+16 + cls 16
        // + positions 50·16 + final norm 32 = 3,728; head 16·5+5 = 85; LoRA r=4 on query, value: 2·4·32 = 256
        long base = 4 * (16 * 16 + 16) + (16 * 32 + 32) + (32 * 16 + 16) + 4 * 16 + 16 * 16 + 16 + 16 + 50 * 16 + 32;
        assertThat(full.cost().totalParams()).isEqualTo(base + 85);
        assertThat(full.metrics().get("trainablePercent")).isEqualTo(100.0);
        assertThat(lora.cost().trainableParams()).isEqualTo(256 + 85);
        assertThat(lora.metrics().get("trainablePercent")).isCloseTo(100.0 * 341 / (base + 85 + 256),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(lora.metrics().get("mergeMaxAbsDiff")).isLessThan(1e-5);
        assertThat(lora.artifacts().get("mergedLayers")).isEqualTo(2);
        assertThat(lora.metrics().get("adapterKiB")).isLessThan(full.metrics().get("adapterKiB"));
        assertThat(lora.metrics().get("accuracy")).isBetween(0.0, 1.0);
        // the trial that pretrained leaves peak memory out (pretraining's resident memory would count); the next has it
        assertThat(lora.metrics()).doesNotContainKey("peakMemoryMiB");
        assertThat(lora.cost().peakMemoryBytes()).isEqualTo(-1);
        assertThat(full.metrics().get("peakMemoryMiB")).isPositive();
        // same seed, same numbers: rerun LoRA with the pretrained network computed afresh
        Pretraining.CACHE.clear();
        TrialOutcome again = task.run(context(7, new LoraPlugin(), Map.of("rank", 4)));
        assertThat(again.metrics().get("accuracy")).isEqualTo(lora.metrics().get("accuracy"));
        assertThat(again.curves().get("trainLoss")).isEqualTo(lora.curves().get("trainLoss"));
    }

    @Test
    void impossibleCombinationsAreRejectedWithOneLine() {
        Params vit = Params.defaults(VitTinyPlugin.INFO);
        Params resnet = Params.defaults(ResNetMiniBackbone.INFO);
        assertThatThrownBy(() -> FineTuningTask.check(new VitTinyPlugin(), vit, new LoraPlugin(),
                Params.resolve(LoraPlugin.INFO, Map.of("targets", "query,attn"))))
                .hasMessage("adaptation.lora: target 'attn' names no module of backbone.vit-tiny"
                        + " (its modules: query, key, value, out, fc1, fc2)");
        assertThatThrownBy(() -> FineTuningTask.check(new VitTinyPlugin(), vit, new LoraPlugin(),
                Params.resolve(LoraPlugin.INFO, Map.of("rank", 65))))
                .hasMessage("adaptation.lora: rank 65 is larger than module 'query' of backbone.vit-tiny (64 → 64)"
                        + " allows: at most 64");
        assertThatThrownBy(() -> FineTuningTask.check(new ResNetMiniBackbone(), resnet, new LoraPlugin(),
                Params.defaults(LoraPlugin.INFO)))
                .hasMessageStartingWith("adaptation.lora: target 'query' names no module of backbone.resnet-mini");
        assertThatThrownBy(() -> FineTuningTask.check(new ResNetMiniBackbone(), resnet, new AdapterPlugin(),
                Params.defaults(AdapterPlugin.INFO)))
                .hasMessageStartingWith("adaptation.adapter applies to no parameter of backbone.resnet-mini");
        assertThatThrownBy(() -> FineTuningTask.check(new ResNetMiniBackbone(), resnet, new PromptTuningPlugin(),
                Params.defaults(PromptTuningPlugin.INFO)))
                .hasMessageStartingWith("adaptation.prompt applies to no parameter of backbone.resnet-mini");
        // what does apply passes
        FineTuningTask.check(new ResNetMiniBackbone(), resnet, new BitFitPlugin(), Params.defaults(BitFitPlugin.INFO));
        FineTuningTask.check(new ResNetMiniBackbone(), resnet, new LinearProbePlugin(), Params.defaults(LinearProbePlugin.INFO));
        FineTuningTask.check(new VitTinyPlugin(), vit, new LoraPlugin(), Params.resolve(LoraPlugin.INFO, Map.of("rank", 64)));
    }

    @Test
    void prepareVariantSeesTheSlotsAsTheHarnessPassesThem() {
        Map<String, TrialContext.Bound<? extends Plugin>> slots = Map.of(
                FineTuningTask.BACKBONE, new TrialContext.Bound<>(new ResNetMiniBackbone(),
                        Params.defaults(ResNetMiniBackbone.INFO)),
                FineTuningTask.ADAPTATION, new TrialContext.Bound<>(new LoraPlugin(), Params.defaults(LoraPlugin.INFO)));
        assertThatThrownBy(() -> new FineTuningTask().prepareVariant(null, Map.of(), null, slots)).isInstanceOf(IllegalArgumentException.class);
    }
}
