package io.artifex.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Nearest-neighbour upsampling of NCHW input by an integer factor on both spatial axes: every
 * pixel becomes a {@code factor x factor} block of copies. No parameters.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class Upsample2d extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int factor;

    /**
     * Creates the layer.
     *
     * @param factor the integer scale factor (> 0), 2 for the usual doubling
     */
    public Upsample2d(int factor) {
        super(VERSION);
        Checks.positive("factor", factor);
        this.factor = factor;
    }

    /** Nearest upsampling by 2. */
    public Upsample2d() {
        this(2);
    }

    /**
     * Functional nearest upsampling.
     *
     * @param input (N, C, H, W)
     * @param factor integer factor (> 0)
     * @return (N, C, H * factor, W * factor)
     */
    public static NDArray upsampleNearest(NDArray input, int factor) {
        if (input.getShape().dimension() != 4) {
            throw new IllegalArgumentException(
                    "upsampleNearest input must be NCHW (4-D), got " + input.getShape());
        }
        Checks.positive("factor", factor);
        if (factor == 1) {
            return input;
        }
        // repeat on PyTorch is repeat_interleave: each element is copied `factor` times in place
        return input.repeat(2, factor).repeat(3, factor);
    }

    /** The scale factor. */
    public int getFactor() {
        return factor;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(upsampleNearest(inputs.singletonOrThrow(), factor));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), in.get(2) * factor, in.get(3) * factor)};
    }
}
