package ablate.plugins.common;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelCostTest {
    private final BlockFixture fixture = new BlockFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void groupedStridedConvolutionCountsOutputPositionsTimesItsFanIn() {
        Conv2d conv = Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                .optPadding(new Shape(1, 1)).setFilters(8).optGroups(2).build();
        Shape in = new Shape(2, 4, 9, 9);
        fixture.init(conv, in);
        // output 5×5×8; each output sums (4/2)·3·3 = 18 products; weights 8·2·9 + 8 biases
        assertThat(ModelCost.of(conv, in)).isEqualTo(new ModelCost(152, 152, 5 * 5 * 8 * 18));
        assertThat(ModelCost.macs(conv, in)).isEqualTo(2L * 5 * 5 * 8 * 18);
    }

    @Test
    void oneDimensionalConvolutionAndLinearOnSequences() {
        Conv1d conv = Conv1d.builder().setKernelShape(new Shape(3)).setFilters(6).build();
        assertThat(ModelCost.macs(conv, new Shape(1, 2, 10))).isEqualTo(8 * 6 * 2 * 3);
        Linear linear = Linear.builder().setUnits(4).build();
        assertThat(ModelCost.macs(linear, new Shape(2, 3, 5))).isEqualTo(2 * 3 * 5 * 4);
    }

    @Test
    void sequentialChainsShapesAndParallelFeedsEachBranchTheInput() {
        SequentialBlock chain = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build()) // 1×6×6 → 4×4×4
                .add(Activation.reluBlock())
                .add(ai.djl.nn.Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build());
        assertThat(ModelCost.macs(chain, new Shape(1, 1, 6, 6))).isEqualTo(4 * 4 * 4 * 9 + 64 * 3);
        ParallelBlock branches = new ParallelBlock(lists -> lists.get(0))
                .add(Linear.builder().setUnits(2).build())
                .add(Linear.builder().setUnits(5).build());
        assertThat(ModelCost.macs(branches, new Shape(1, 7))).isEqualTo(7 * 2 + 7 * 5);
    }

    @Test
    void batchNormRunningStatisticsAreNotParametersAndFrozenOnesAreNotTrainable() {
        SequentialBlock net = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(4).optBias(false).build())
                .add(BatchNorm.builder().build());
        fixture.init(net, new Shape(2, 3, 2, 2));
        assertThat(ModelCost.parameters(net, false)).isEqualTo(12 + 8);
        net.getChildren().get(0).getValue().freezeParameters(true);
        assertThat(ModelCost.of(net, new Shape(1, 3, 2, 2)))
                .isEqualTo(new ModelCost(8, 20, 2 * 2 * 4 * 3));
    }

    @Test
    void uninitializedBlocksHaveNoParameterCount() {
        Linear linear = Linear.builder().setUnits(4).build();
        assertThatThrownBy(() -> ModelCost.parameters(linear, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("initialize the block first");
    }

    /** A composite with a custom forward pass: its children's input shapes are invisible to ModelCost. */
    static final class Opaque extends AbstractBlock {
        Opaque(Block child) {
            addChildBlock("child", child);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            return inputs;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    @Test
    void refusesToGuessInsideCustomBlocksWithLayersButCountsElementWiseOnesAsZero() {
        assertThatThrownBy(() -> ModelCost.macs(new Opaque(Linear.builder().setUnits(2).build()), new Shape(1, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("implement")
                .hasMessageContaining(MacCounted.class.getSimpleName());
        assertThat(ModelCost.macs(new Opaque(Activation.reluBlock()), new Shape(1, 3))).isZero();
        assertThat(ModelCost.macs(BatchNorm.builder().build(), new Shape(1, 3, 4, 4))).isZero();
    }
}
