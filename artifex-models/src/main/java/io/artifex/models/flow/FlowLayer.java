package io.artifex.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An invertible layer of a normalizing flow. {@link #transform} maps data towards the latent
 * space and returns the per-example log |det| of its Jacobian; {@link #inverse} maps back
 * exactly. As a DJL block its forward returns {@code (y, logDet)}.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public abstract class FlowLayer extends AbstractBlock {

    /** A layer with block version 1. */
    protected FlowLayer() {
        super((byte) 1);
    }

    /** Data to latent: {@code y = f(x)} and {@code log |det df/dx|} per example. */
    public abstract FlowResult transform(ParameterStore parameterStore, NDArray x, boolean training);

    /** Latent to data: {@code x = f^-1(y)}, without recording anything for training. */
    public abstract NDArray inverse(ParameterStore parameterStore, NDArray y);

    /** The shape of {@code y} for an input of shape {@code x}; the identity unless overridden. */
    public Shape outputShape(Shape x) {
        return x;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        FlowResult result = transform(parameterStore, inputs.singletonOrThrow(), training);
        return new NDList(result.y(), result.logDet());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {outputShape(inputShapes[0]), new Shape(inputShapes[0].get(0))};
    }

    /** Sums {@code values} over every axis but the first: shape {@code (N)}. */
    static NDArray sumPerExample(NDArray values) {
        int dims = values.getShape().dimension();
        if (dims == 1) {
            return values;
        }
        int[] axes = new int[dims - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return values.sum(axes);
    }

    /** A zero log-determinant for a batch like {@code x}. */
    static NDArray zeroLogDet(NDArray x) {
        return x.getManager().zeros(new Shape(x.getShape().get(0)), x.getDataType());
    }
}
