package ablate.plugins.common;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** Initializes and runs blocks on the default engine for the tests, with a fixed seed. */
public final class BlockFixture implements AutoCloseable {
    public static final int SEED = 20240607;

    private final NDManager manager = NDManager.newBaseManager();

    public NDManager manager() {
        return manager;
    }

    /** Seeds the engine and initializes {@code block} for inputs of {@code shape}; returns the block. */
    public <B extends Block> B init(B block, Shape shape) {
        Engine.getInstance().setRandomSeed(SEED);
        block.initialize(manager, DataType.FLOAT32, shape);
        return block;
    }

    /** A seeded standard-normal input. */
    public NDArray input(Shape shape) {
        Engine.getInstance().setRandomSeed(SEED + 1);
        return manager.randomNormal(shape);
    }

    public NDArray forward(Block block, NDArray x, boolean training) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), training).singletonOrThrow();
    }

    @Override
    public void close() {
        manager.close();
    }
}
