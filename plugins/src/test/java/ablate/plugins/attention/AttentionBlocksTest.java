package ablate.plugins.attention;

import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.plugins.classification.AttentionPlugin;
import ablate.plugins.common.BlockFixture;
import ablate.plugins.common.ModelCost;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AttentionBlocksTest {
    static final List<AttentionPlugin> PLUGINS = List.of(new NoAttentionPlugin(), new SePlugin(), new CbamPlugin(),
            new EcaPlugin(), new SimAmPlugin());

    private final BlockFixture fixture = new BlockFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private Block create(AttentionPlugin plugin, int channels, Map<String, Object> overrides, Shape input) {
        return fixture.init(plugin.create(channels, Params.resolve(plugin.info(), overrides)), input);
    }

    private static long params(Block block) {
        return ModelCost.parameters(block, false);
    }

    /** Sets every element of the parameters whose path (e.g. {@code 02excite_weight}) contains {@code part}. */
    private static void fill(Block block, String part, float value) {
        for (Pair<String, Parameter> named : block.getParameters()) {
            if (named.getKey().contains(part)) {
                float[] data = new float[(int) named.getValue().getShape().size()];
                Arrays.fill(data, value);
                named.getValue().getArray().set(data);
            }
        }
    }

    @Test
    void everyPluginKeepsTheShapeInTrainingAndInference() {
        Shape shape = new Shape(2, 16, 8, 8);
        NDArray x = fixture.input(shape);
        for (AttentionPlugin plugin : PLUGINS) {
            Block block = create(plugin, 16, Map.of(), shape);
            assertThat(block.getOutputShapes(new Shape[] {shape})[0]).as(plugin.id()).isEqualTo(shape);
            assertThat(fixture.forward(block, x, true).getShape()).as(plugin.id()).isEqualTo(shape);
            assertThat(fixture.forward(block, x, false).getShape()).as(plugin.id()).isEqualTo(shape);
        }
    }

    @Test
    void everyPluginDescribesItselfWithValidDefaults() {
        for (AttentionPlugin plugin : PLUGINS) {
            assertThat(plugin.info().slot()).isEqualTo("attention");
            assertThat(plugin.id()).startsWith("attention.");
            for (Param p : plugin.info().params()) {
                assertThat(p.coerce(p.defaultValue())).as(plugin.id() + " " + p.name()).isEqualTo(p.defaultValue());
            }
            if (!plugin.id().equals("attention.none")) {
                assertThat(plugin.info().citation()).contains("20");
                assertThat(plugin.info().claim().metric()).isEqualTo("accuracy");
            }
        }
    }

    @Test
    void noneIsTheIdentity() {
        Shape shape = new Shape(2, 4, 5, 5);
        NDArray x = fixture.input(shape);
        Block block = create(new NoAttentionPlugin(), 4, Map.of(), shape);
        assertThat(fixture.forward(block, x, true).contentEquals(x)).isTrue();
        assertThat(params(block)).isZero();
    }

    @ParameterizedTest
    @CsvSource({"16, 16, 1", "64, 16, 4", "64, 8, 8", "8, 16, 1", "100, 16, 6"})
    void seHasTwoFullyConnectedLayersWithBiases(int channels, int reduction, int hidden) {
        assertThat(SePlugin.hiddenUnits(channels, reduction)).isEqualTo(hidden);
        Shape shape = new Shape(2, channels, 4, 4);
        Block block = create(new SePlugin(), channels, Map.of("reduction", reduction), shape);
        assertThat(params(block)).isEqualTo(2L * channels * hidden + hidden + channels);
        assertThat(ModelCost.macs(block, shape)).isEqualTo(2L * 2 * channels * hidden);
    }

    @Test
    void seWithZeroedExcitationScalesFeaturesByExactlyOneHalf() {
        Shape shape = new Shape(2, 32, 6, 6);
        Block block = create(new SePlugin(), 32, Map.of(), shape);
        fill(block, "excite", 0f);
        NDArray x = fixture.input(shape);
        assertThat(fixture.forward(block, x, true).contentEquals(x.mul(0.5))).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"16, 16, 7", "64, 16, 7", "64, 16, 3"})
    void cbamCountsChannelMlpAndSpatialConvolution(int channels, int reduction, int kernel) {
        int hidden = SePlugin.hiddenUnits(channels, reduction);
        Shape shape = new Shape(2, channels, 8, 8);
        Block block = create(new CbamPlugin(), channels, Map.of("reduction", reduction, "kernel", kernel), shape);
        assertThat(params(block)).isEqualTo(2L * channels * hidden + hidden + channels + 2L * kernel * kernel + 1);
        // the shared MLP runs on both pooled descriptors; the spatial conv makes one 8×8 map from 2 inputs
        assertThat(ModelCost.macs(block, shape))
                .isEqualTo(2 * (2L * 2 * channels * hidden) + 2L * 8 * 8 * 2 * kernel * kernel);
    }

    @Test
    void cbamWithZeroedWeightsScalesFeaturesByExactlyOneQuarter() {
        Shape shape = new Shape(2, 16, 6, 6);
        Block block = create(new CbamPlugin(), 16, Map.of(), shape);
        fill(block, "", 0f); // every parameter: both gates become sigmoid(0) = 0.5
        NDArray x = fixture.input(shape);
        assertThat(fixture.forward(block, x, true).contentEquals(x.mul(0.25))).isTrue();
    }

    @Test
    void cbamRejectsAnEvenKernel() {
        assertThatThrownBy(() -> new CbamPlugin().create(16, Params.resolve(CbamPlugin.INFO, Map.of("kernel", 4))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'kernel' must be odd");
    }

    /** Reference: ECA's code, t = int(abs((math.log(C, 2) + b) / gamma)), k = t if t % 2 else t + 1, computed
     * with /usr/bin/python3 for these C at γ=2, b=1. */
    @ParameterizedTest
    @CsvSource({"1, 1", "2, 1", "3, 1", "8, 3", "16, 3", "24, 3", "32, 3", "48, 3", "64, 3", "100, 3", "128, 5",
            "256, 5", "512, 5", "1000, 5", "1024, 5", "2048, 7"})
    void ecaAdaptiveKernelMatchesTheReference(int channels, int kernel) {
        assertThat(EcaPlugin.adaptiveKernel(channels, 2, 1)).isEqualTo(kernel);
    }

    @ParameterizedTest
    @CsvSource({"16, 0, 3", "64, 0, 3", "256, 0, 5", "64, 7, 7"})
    void ecaHasExactlyKParameters(int channels, int kernelParam, int kernel) {
        Shape shape = new Shape(2, channels, 4, 4);
        EcaBlock block = (EcaBlock) create(new EcaPlugin(), channels, Map.of("kernel", kernelParam), shape);
        assertThat(block.kernel()).isEqualTo(kernel);
        assertThat(params(block)).isEqualTo(kernel);
        assertThat(ModelCost.macs(block, shape)).isEqualTo(2L * channels * kernel);
    }

    @Test
    void ecaWithACentredUnitKernelGatesEachChannelByItsOwnMean() {
        Shape shape = new Shape(2, 16, 5, 5);
        Block block = create(new EcaPlugin(), 16, Map.of(), shape);
        block.getParameters().values().get(0).getArray().set(new float[] {0, 1, 0});
        NDArray x = fixture.input(shape);
        NDArray expected = x.mul(ai.djl.nn.Activation.sigmoid(ai.djl.nn.pooling.Pool.globalAvgPool2d(x).reshape(2, 16, 1, 1)));
        assertThat(fixture.forward(block, x, true).allClose(expected, 1e-6, 1e-6, false)).isTrue();
    }

    @Test
    void ecaRejectsAnEvenKernel() {
        assertThatThrownBy(() -> new EcaPlugin().create(16, Params.resolve(EcaPlugin.INFO, Map.of("kernel", 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'kernel' must be odd");
    }

    @Test
    void simAmAddsNoParametersAndNoMacs() {
        Shape shape = new Shape(2, 64, 8, 8);
        Block block = create(new SimAmPlugin(), 64, Map.of(), shape);
        assertThat(params(block)).isZero();
        assertThat(ModelCost.macs(block, shape)).isZero();
    }

    @Test
    void simAmMatchesTheEnergyFunctionComputedInDoubles() {
        int n = 2;
        int c = 3;
        int h = 4;
        int w = 5;
        double lambda = 1e-4;
        Shape shape = new Shape(n, c, h, w);
        NDArray x = fixture.input(shape);
        Block block = create(new SimAmPlugin(), c, Map.of(), shape);
        float[] in = x.toFloatArray();
        float[] out = fixture.forward(block, x, true).toFloatArray();
        int hw = h * w;
        for (int map = 0; map < n * c; map++) {
            double mean = 0;
            for (int i = 0; i < hw; i++) {
                mean += in[map * hw + i];
            }
            mean /= hw;
            double variance = 0;
            for (int i = 0; i < hw; i++) {
                variance += Math.pow(in[map * hw + i] - mean, 2);
            }
            variance /= hw - 1;
            for (int i = 0; i < hw; i++) {
                double v = in[map * hw + i];
                double energyInverse = Math.pow(v - mean, 2) / (4 * (variance + lambda)) + 0.5;
                double expected = v / (1 + Math.exp(-energyInverse));
                assertThat((double) out[map * hw + i]).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void simAmStaysFiniteOnOneByOneMaps() {
        Shape shape = new Shape(2, 8, 1, 1);
        Block block = create(new SimAmPlugin(), 8, Map.of(), shape);
        NDArray x = fixture.input(shape);
        // a single position deviates by 0 from its mean: e = 0.5, y = x·sigmoid(0.5)
        NDArray expected = x.mul(1 / (1 + Math.exp(-0.5)));
        assertThat(fixture.forward(block, x, true).allClose(expected, 1e-6, 1e-6, false)).isTrue();
    }

    @Test
    void blocksRejectAFeatureMapOfTheWrongChannelCount() {
        for (AttentionPlugin plugin : PLUGINS.subList(1, PLUGINS.size())) {
            Block block = plugin.create(16, Params.defaults(plugin.info()));
            assertThatThrownBy(() -> fixture.init(block, new Shape(2, 8, 4, 4))).as(plugin.id())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("made for 16 channels");
        }
    }
}
