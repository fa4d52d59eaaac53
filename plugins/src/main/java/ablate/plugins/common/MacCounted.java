package ablate.plugins.common;

import ai.djl.ndarray.types.Shape;

/**
 * A composite block whose children {@link ModelCost} cannot reach by shape propagation alone (its forward
 * pass is custom code): it says itself how many multiply-accumulates one forward pass costs, usually by
 * calling {@link ModelCost#macs(ai.djl.nn.Block, Shape...)} on each child with the shape that child sees.
 */
public interface MacCounted {
    /**
     * @param inputShapes the block's input shapes, batch dimension included
     * @return multiply-accumulates of one forward pass over the whole batch, by {@link ModelCost}'s convention
     */
    long macs(Shape... inputShapes);
}
