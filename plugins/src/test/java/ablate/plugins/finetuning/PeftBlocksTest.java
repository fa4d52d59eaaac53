package ablate.plugins.finetuning;

import ablate.harness.spi.Params;
import ablate.plugins.common.BlockFixture;
import ablate.plugins.common.ModelCost;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The ViT, LoRA and adapter blocks: sizes by hand, LoRA's zero start, merging, BitFit's selection. */
class PeftBlocksTest {
    static final Shape BATCH = new Shape(3, 1, 28, 28);
    /** vit-tiny defaults: patch 4, dim 64, depth 4, heads 4, MLP 128. */
    static final Params VIT = Params.defaults(VitTinyPlugin.INFO);

    static Block vit(Insertions add) {
        return new VitTinyPlugin().features(FineTuningTask.IMAGE, add, VIT);
    }

    /** The values of every parameter of an initialized block, by name: a pretrained network for {@link Pretraining#load}. */
    static Pretraining.Pretrained snapshot(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return new Pretraining.Pretrained(values, List.of(), 0, 0);
    }

    @Test
    void vitHasTheParameterCountOfItsFormula() {
        try (BlockFixture f = new BlockFixture()) {
            Block plain = f.init(vit(Insertions.NONE), BATCH);
            // patch 16·64+64, class token 64, positions 50·64, per layer 4·(64·64+64) + (64·128+128) + (128·64+64)
            // + two LayerNorms 2·2·64, final LayerNorm 2·64
            long perLayer = 4 * (64 * 64 + 64) + (64 * 128 + 128) + (128 * 64 + 64) + 4 * 64;
            long expected = 16 * 64 + 64 + 64 + 50 * 64 + 4 * perLayer + 2 * 64;
            assertThat(ModelCost.parameters(plain, false)).isEqualTo(expected).isEqualTo(138_368);
            assertThat(f.forward(plain, f.input(BATCH), false).getShape()).isEqualTo(new Shape(3, 64));

            Block lora = f.init(vit(Insertions.lora(Set.of("query", "value"), 8, 16, 0)), BATCH);
            // r·(in+out) per adapted module: 8·128, on 2 modules in each of 4 layers
            assertThat(ModelCost.parameters(lora, false) - expected).isEqualTo(8 * 128 * 2 * 4);
            Block adapters = f.init(vit(Insertions.adapter(8)), BATCH);
            // two adapters per layer, each 64·8+8 + 8·64+64
            assertThat(ModelCost.parameters(adapters, false) - expected).isEqualTo(2 * 4 * (64 * 8 + 8 + 8 * 64 + 64));
            Block prompts = f.init(vit(Insertions.prompt(5)), BATCH);
            assertThat(ModelCost.parameters(prompts, false) - expected).isEqualTo(5 * 64);
        }
    }

    @Test
    void everyInsertionKeepsTheBaseParameterNames() {
        try (BlockFixture f = new BlockFixture()) {
            Set<String> base = names(f.init(vit(Insertions.NONE), BATCH));
            for (Insertions add : List.of(Insertions.lora(Set.of("query", "key", "value", "out", "fc1", "fc2"), 4, 8, 0.1),
                    Insertions.adapter(16), Insertions.prompt(3))) {
                assertThat(names(f.init(vit(add), BATCH))).containsAll(base);
            }
        }
    }

    @Test
    void loraWithBZeroIsExactlyTheBaseModel() {
        try (BlockFixture f = new BlockFixture()) {
            Block base = f.init(vit(Insertions.NONE), BATCH);
            Block lora = initOther(f, vit(Insertions.lora(Set.of("query", "value", "fc1"), 8, 16, 0)));
            NDArray x0 = f.input(BATCH);
            assertThat(FineTuning.maxAbsDiff(f.forward(base, x0, false).toFloatArray(),
                    f.forward(lora, x0, false).toFloatArray())).isGreaterThan(1e-2); // other weights before loading
            Pretraining.load(lora, snapshot(base));
            NDArray x = f.input(BATCH);
            float[] expected = f.forward(base, x, false).toFloatArray();
            float[] got = f.forward(lora, x, false).toFloatArray();
            assertThat(got).containsExactly(expected);
        }
    }

    @Test
    void mergingPreservesTheOutputsAndDropsTheBranch() {
        try (BlockFixture f = new BlockFixture()) {
            Block lora = f.init(vit(Insertions.lora(Set.of("query", "value"), 4, 8, 0.1)), BATCH);
            for (Pair<String, Parameter> p : lora.getParameters()) {
                if (p.getKey().endsWith("_loraB")) {   // a trained-looking B, so the branch matters
                    NDArray b = p.getValue().getArray();
                    b.set(f.manager().randomNormal(0, 0.5f, b.getShape(), b.getDataType()).toFloatArray());
                }
            }
            Block base = initOther(f, vit(Insertions.NONE));
            Pretraining.load(base, snapshotWithout(lora, "_lora"));
            NDArray x = f.input(BATCH);
            float[] unmerged = f.forward(lora, x, false).toFloatArray();
            float[] plain = f.forward(base, x, false).toFloatArray();
            assertThat(FineTuning.maxAbsDiff(unmerged, plain)).isGreaterThan(1e-2); // the update changes the output
            long macsBefore = ModelCost.macs(lora, BATCH);
            assertThat(FineTuning.merge(lora)).isEqualTo(2 * 4);
            float[] merged = f.forward(lora, x, false).toFloatArray();
            assertThat(FineTuning.maxAbsDiff(unmerged, merged)).isLessThan(1e-5);
            // merged: the base network's MACs; before, r·(in+out) per token on each of the 8 adapted modules
            assertThat(ModelCost.macs(lora, BATCH)).isEqualTo(ModelCost.macs(base, BATCH));
            assertThat(macsBefore - ModelCost.macs(lora, BATCH)).isEqualTo(3L * 50 * 4 * 128 * 8);
        }
    }

    @Test
    void bitFitTrainsExactlyTheBiases() {
        try (BlockFixture f = new BlockFixture()) {
            Block features = f.init(vit(Insertions.NONE), BATCH);
            List<String> frozen = FineTuning.freeze(features, new BitFitPlugin(), Params.defaults(BitFitPlugin.INFO));
            Set<String> trainable = new TreeSet<>();
            for (Pair<String, Parameter> p : features.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    trainable.add(p.getKey());
                }
            }
            assertThat(trainable).allMatch(n -> n.endsWith("_bias") || n.endsWith("_beta"));
            assertThat(frozen).noneMatch(n -> n.endsWith("_bias") || n.endsWith("_beta"));
            // per layer: q, k, v, out (64 each), fc1 128, fc2 64, two LayerNorm shifts 64; patch 64; final norm 64
            assertThat(ModelCost.parameters(features, true)).isEqualTo(4 * (4 * 64 + 128 + 64 + 2 * 64) + 64 + 64);
        }
    }

    @Test
    void bitFitOnResNetTrainsTheBatchNormShiftsOnly() {
        try (BlockFixture f = new BlockFixture()) {
            Params p = Params.defaults(ResNetMiniBackbone.INFO); // depth 8, width 16
            Block features = f.init(new ResNetMiniBackbone().features(FineTuningTask.IMAGE, Insertions.NONE, p), BATCH);
            FineTuning.freeze(features, new BitFitPlugin(), Params.defaults(BitFitPlugin.INFO));
            // BN after: stem 16; stage 1: 16, 16; stage 2: 32, 32 and the projection's 32; stage 3: 64, 64, 64
            assertThat(ModelCost.parameters(features, true)).isEqualTo(16 + 32 + 96 + 192);
        }
    }

    /** Initialized from another seed than {@link BlockFixture#init}, so equal outputs prove the loading. */
    private static Block initOther(BlockFixture f, Block block) {
        ai.djl.engine.Engine.getInstance().setRandomSeed(BlockFixture.SEED + 99);
        block.initialize(f.manager(), ai.djl.ndarray.types.DataType.FLOAT32, BATCH);
        return block;
    }

    private static Set<String> names(Block block) {
        Set<String> names = new TreeSet<>();
        block.getParameters().forEach(p -> names.add(p.getKey()));
        return names;
    }

    private static Pretraining.Pretrained snapshotWithout(Block block, String marker) {
        Map<String, float[]> values = new LinkedHashMap<>(snapshot(block).features());
        values.keySet().removeIf(k -> k.contains(marker));
        return new Pretraining.Pretrained(values, List.of(), 0, 0);
    }
}
