package ablate.plugins.models;

import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.plugins.attention.CbamPlugin;
import ablate.plugins.attention.EcaPlugin;
import ablate.plugins.attention.NoAttentionPlugin;
import ablate.plugins.attention.SePlugin;
import ablate.plugins.attention.SimAmPlugin;
import ablate.plugins.classification.AttentionPlugin;
import ablate.plugins.classification.BackbonePlugin;
import ablate.plugins.common.BlockFixture;
import ablate.plugins.common.ModelCost;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackbonesTest {
    static final Shape FASHION = new Shape(1, 28, 28);
    static final IntFunction<Block> NO_ATTENTION = channels -> Blocks.identityBlock();

    private final BlockFixture fixture = new BlockFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private Block create(BackbonePlugin plugin, Shape image, Map<String, Object> overrides) {
        Block net = plugin.create(image, 10, NO_ATTENTION, Params.resolve(plugin.info(), overrides));
        return fixture.init(net, new Shape(2).addAll(image));
    }

    private static ModelCost cost(Block net, Shape image) {
        return ModelCost.of(net, new Shape(1).addAll(image));
    }

    @Test
    void everyBackboneMapsImagesToLogitsAndDescribesItself() {
        for (BackbonePlugin plugin : List.of(new MlpPlugin(), new LeNet5Plugin(), new ResNetMiniPlugin())) {
            Block net = create(plugin, FASHION, Map.of());
            NDArray x = fixture.input(new Shape(2, 1, 28, 28));
            assertThat(fixture.forward(net, x, true).getShape()).as(plugin.id()).isEqualTo(new Shape(2, 10));
            assertThat(fixture.forward(net, x, false).getShape()).as(plugin.id()).isEqualTo(new Shape(2, 10));
            assertThat(plugin.info().slot()).isEqualTo("model");
            assertThat(plugin.info().citation()).isNotBlank();
            for (Param p : plugin.info().params()) {
                assertThat(p.coerce(p.defaultValue())).isEqualTo(p.defaultValue());
            }
        }
    }

    @Test
    void mlpCountsItsLayers() {
        Block net = create(new MlpPlugin(), FASHION, Map.of("hidden", "256"));
        // 784→256→10 with biases; MACs are the weight counts
        assertThat(cost(net, FASHION)).isEqualTo(new ModelCost(203_530, 203_530, 784 * 256 + 256 * 10));
        Block deeper = create(new MlpPlugin(), FASHION, Map.of("hidden", "64, 32"));
        long params = 784 * 64 + 64 + 64 * 32 + 32 + 32 * 10 + 10;
        assertThat(cost(deeper, FASHION).totalParams()).isEqualTo(params);
        Block linear = create(new MlpPlugin(), FASHION, Map.of("hidden", ""));
        assertThat(cost(linear, FASHION).totalParams()).isEqualTo(784 * 10 + 10);
    }

    @Test
    void mlpRejectsABadLayerList() {
        assertThatThrownBy(() -> new MlpPlugin().create(FASHION, 10, NO_ATTENTION,
                Params.resolve(MlpPlugin.INFO, Map.of("hidden", "128,x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'hidden' = '128,x'");
    }

    /**
     * Hand count at 1×28×28, 10 classes: C1 5·5·1·6+6 = 156 params, 28·28·6·25 = 117,600 MACs; C3 5·5·6·16+16 =
     * 2,416, 10·10·16·150 = 240,000; F5 400·120+120 = 48,120; F6 120·84+84 = 10,164; output 84·10+10 = 850.
     */
    @Test
    void leNet5MatchesTheHandCount() {
        for (String activation : List.of("relu", "tanh")) {
            Block net = create(new LeNet5Plugin(), FASHION, Map.of("activation", activation, "pool", "avg"));
            long params = 156 + 2_416 + 48_120 + 10_164 + 850;
            long macs = 117_600 + 240_000 + 400 * 120 + 120 * 84 + 84 * 10;
            assertThat(params).isEqualTo(61_706);
            assertThat(macs).isEqualTo(416_520);
            assertThat(cost(net, FASHION)).isEqualTo(new ModelCost(params, params, macs));
        }
    }

    @Test
    void leNet5RejectsImagesTooSmallForItsPooling() {
        assertThatThrownBy(() -> new LeNet5Plugin().create(new Shape(1, 8, 8), 10, NO_ATTENTION,
                Params.defaults(LeNet5Plugin.INFO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("H, W >= 12");
    }

    /** Parameters of ResNet-(6n+2) with projection shortcuts, layer by layer (convs without bias, BN γ and β). */
    static long resNetParams(int depth, int width, int inChannels, int classes) {
        long params = 9L * inChannels * width + 2L * width;
        int in = width;
        for (int stage = 0; stage < 3; stage++) {
            int out = width << stage;
            for (int i = 0; i < (depth - 2) / 6; i++) {
                params += 9L * in * out + 2L * out + 9L * out * out + 2L * out;
                if (in != out) {
                    params += (long) in * out + 2L * out;
                }
                in = out;
            }
        }
        return params + (long) in * classes + classes;
    }

    /** MACs per sample of the same network on side×side inputs (3×3 convs, padding 1; stride 2 halves, rounding up). */
    static long resNetMacs(int depth, int width, int inChannels, int side, int classes) {
        long macs = (long) side * side * width * inChannels * 9;
        int in = width;
        for (int stage = 0; stage < 3; stage++) {
            int out = width << stage;
            for (int i = 0; i < (depth - 2) / 6; i++) {
                if (in != out) {
                    side = (side - 1) / 2 + 1;
                    macs += (long) side * side * out * in; // 1×1 projection
                }
                macs += (long) side * side * out * in * 9 + (long) side * side * out * out * 9;
                in = out;
            }
        }
        return macs + (long) in * classes;
    }

    @Test
    void resNet20MatchesTheLayerFormulas() {
        Block net = create(new ResNetMiniPlugin(), FASHION, Map.of());
        assertThat(cost(net, FASHION)).isEqualTo(
                new ModelCost(resNetParams(20, 16, 1, 10), resNetParams(20, 16, 1, 10), resNetMacs(20, 16, 1, 28, 10)));
        assertThat(resNetMacs(20, 16, 1, 28, 10)).isEqualTo(31_021_952);
        assertThat(resNetParams(20, 16, 1, 10)).isEqualTo(272_186);
    }

    /**
     * He et al.'s CIFAR ResNet-20 (3×32×32): ≈0.27M parameters, ≈41M MACs. With option-A shortcuts (what the paper
     * used) the counts are 269,722 and 40,551,040; the 1×1 projections of option B add 16·32 + 32·64 = 2,560 weights
     * plus 2·(32 + 64) = 192 BN parameters, and 16·16·32·16 + 8·8·64·32 = 262,144 MACs.
     */
    @Test
    void resNet20OnCifarIsTheFamiliarSize() {
        Shape cifar = new Shape(3, 32, 32);
        Block net = create(new ResNetMiniPlugin(), cifar, Map.of());
        ModelCost cost = cost(net, cifar);
        assertThat(cost.totalParams()).isEqualTo(269_722 + 2_560 + 192).isEqualTo(resNetParams(20, 16, 3, 10));
        assertThat(cost.macsPerSample()).isEqualTo(40_551_040 + 262_144).isEqualTo(resNetMacs(20, 16, 3, 32, 10));
    }

    @Test
    void resNetAsksForOneAttentionBlockPerResidualBlock() {
        List<Integer> calls = new ArrayList<>();
        IntFunction<Block> attention = channels -> {
            calls.add(channels);
            return Blocks.identityBlock();
        };
        new ResNetMiniPlugin().create(FASHION, 10, attention, Params.defaults(ResNetMiniPlugin.INFO));
        assertThat(calls).containsExactly(16, 16, 16, 32, 32, 32, 64, 64, 64);
        calls.clear();
        new ResNetMiniPlugin().create(FASHION, 10, attention,
                Params.resolve(ResNetMiniPlugin.INFO, Map.of("depth", 8, "width", 4)));
        assertThat(calls).containsExactly(4, 8, 16);
    }

    @Test
    void resNetRejectsADepthThatIsNot6nPlus2() {
        assertThatThrownBy(() -> new ResNetMiniPlugin().create(FASHION, 10, NO_ATTENTION,
                Params.resolve(ResNetMiniPlugin.INFO, Map.of("depth", 21))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'depth' = 21 is not 6n+2");
    }

    @Test
    void resNetAddsTheAttentionCostOfEveryBlock() {
        SePlugin se = new SePlugin();
        Block net = fixture.init(ResNetMiniPlugin.build(20, 16, 10, c -> se.create(c, Params.defaults(se.info()))),
                new Shape(2, 1, 28, 28));
        // SE per block: 2·C·h + h + C parameters, 2·C·h MACs, with h = max(1, C/16) = 1, 2, 4 for C = 16, 32, 64
        long extraParams = 3 * (2 * 16 + 1 + 16) + 3 * (2 * 32 * 2 + 2 + 32) + 3 * (2 * 64 * 4 + 4 + 64);
        long extraMacs = 3 * (2 * 16) + 3 * (2 * 32 * 2) + 3 * (2 * 64 * 4);
        assertThat(cost(net, FASHION)).isEqualTo(new ModelCost(resNetParams(20, 16, 1, 10) + extraParams,
                resNetParams(20, 16, 1, 10) + extraParams, resNetMacs(20, 16, 1, 28, 10) + extraMacs));
    }

    @Test
    void resNetTrainsOneStepWithEveryAttentionPlugin() {
        Shape shape = new Shape(2, 1, 8, 8);
        NDArray x = fixture.input(shape);
        NDArray labels = fixture.manager().create(new float[] {3, 7});
        for (AttentionPlugin plugin : List.of(new NoAttentionPlugin(), new SePlugin(), new CbamPlugin(),
                new EcaPlugin(), new SimAmPlugin())) {
            Block net = fixture.init(ResNetMiniPlugin.build(8, 16, 10,
                    c -> plugin.create(c, Params.defaults(plugin.info()))), shape);
            float loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = fixture.forward(net, x, true);
                NDArray value = Loss.softmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(logits));
                collector.backward(value);
                loss = value.getFloat();
            }
            assertThat(Float.isFinite(loss)).as(plugin.id()).isTrue();
            double attentionGradient = 0;
            for (Pair<String, Parameter> named : net.getParameters()) {
                if (!named.getValue().requiresGradient()) {
                    continue;
                }
                NDArray gradient = named.getValue().getArray().getGradient();
                assertThat(gradient.isInfinite().any().getBoolean() || gradient.isNaN().any().getBoolean())
                        .as(plugin.id() + " " + named.getKey()).isFalse();
                if (named.getKey().startsWith("01")) { // the stem convolution: the gradient reached the input
                    assertThat(gradient.abs().sum().getFloat()).as(plugin.id()).isPositive();
                }
                if (named.getKey().contains("attention")) {
                    attentionGradient += gradient.abs().sum().getFloat();
                }
            }
            if (!plugin.id().equals("attention.none") && !plugin.id().equals("attention.simam")) {
                assertThat(attentionGradient).as(plugin.id()).isPositive();
            }
        }
    }

    /** The way the classification task drives a backbone: a DJL Model and Trainer, SGD steps. */
    @Test
    void resNetWithAttentionLearnsThroughADjlTrainer() {
        Shape shape = new Shape(4, 1, 8, 8);
        NDArray x = fixture.input(shape);
        NDArray labels = fixture.manager().create(new float[] {0, 1, 2, 3});
        SePlugin se = new SePlugin();
        Engine.getInstance().setRandomSeed(BlockFixture.SEED);
        try (Model model = Model.newInstance("resnet-8")) {
            model.setBlock(ResNetMiniPlugin.build(8, 8, 4, c -> se.create(c, Params.defaults(se.info()))));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(shape);
                float first = 0;
                float last = 0;
                for (int step = 0; step < 5; step++) {
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                        NDArray loss = trainer.getLoss().evaluate(new NDList(labels), new NDList(logits));
                        collector.backward(loss);
                        last = loss.getFloat();
                        first = step == 0 ? last : first;
                    }
                    trainer.step();
                }
                assertThat(Float.isFinite(last)).isTrue();
                assertThat(last).as("loss on the memorised batch after 4 steps").isLessThan(first);
            }
        }
    }

    @Test
    void sameSeedBuildsTheSameNetwork() {
        Shape shape = new Shape(2, 1, 8, 8);
        NDArray x = fixture.input(shape);
        CbamPlugin cbam = new CbamPlugin();
        NDArray[] outputs = new NDArray[2];
        for (int run = 0; run < 2; run++) {
            Block net = fixture.init(ResNetMiniPlugin.build(8, 8, 10, c -> cbam.create(c, Params.defaults(cbam.info()))),
                    shape);
            outputs[run] = fixture.forward(net, x, true);
        }
        assertThat(outputs[0].contentEquals(outputs[1])).isTrue();
    }
}
