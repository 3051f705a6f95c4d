package io.artifex.core.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Small helpers over DJL blocks (not to be confused with {@code ai.djl.nn.Blocks}).
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class Blocks {

    private Blocks() {}

    /**
     * The number of scalar parameters in a block and all its children (constants such as
     * PixelCNN masks are not parameters and are not counted).
     *
     * @param block an initialized block, or one whose parameter shapes are already known
     * @return the total element count of all parameters
     * @throws IllegalArgumentException if a parameter's shape is not known yet
     */
    public static long countParameters(Block block) {
        if (block == null) {
            throw new IllegalArgumentException("block must not be null");
        }
        long total = 0;
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter p = entry.getValue();
            if (p.getShape() == null) {
                throw new IllegalArgumentException("parameter '" + entry.getKey()
                        + "' has no shape yet: initialize the block before counting parameters");
            }
            total += p.getShape().size();
        }
        return total;
    }
}
