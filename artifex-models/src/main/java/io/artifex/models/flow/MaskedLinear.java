package io.artifex.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A dense layer {@code y = x (W * M)^T + b} whose weight is multiplied by a fixed binary
 * mask {@code M} (shape {@code (out, in)}), as in MADE. The mask is a constant, not a parameter.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class MaskedLinear extends AbstractBlock {

    private final int in;
    private final int out;
    private final float[] mask;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param mask row-major {@code out x in} mask of zeros and ones
     * @param out output width
     * @param in input width
     */
    public MaskedLinear(float[] mask, int out, int in) {
        super((byte) 1);
        if (mask == null || out <= 0 || in <= 0 || mask.length != out * in) {
            throw new IllegalArgumentException("masked linear layer needs an " + out + "x" + in + " mask, got "
                    + (mask == null ? "null" : mask.length + " values"));
        }
        this.in = in;
        this.out = out;
        this.mask = mask.clone();
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in)).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != in) {
            throw new IllegalArgumentException("masked linear layer expects (N, " + in + "), got " + x.getShape());
        }
        NDArray w = parameterStore.getValue(weight, x.getDevice(), training);
        NDArray b = parameterStore.getValue(bias, x.getDevice(), training);
        NDArray m = x.getManager().create(mask, new Shape(out, in));
        // the mask (on the input's manager) comes first so that the masked weight is made there,
        // not on the parameters' manager, which lives as long as the model
        return new NDList(x.matMul(m.mul(w).transpose()).add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), out)};
    }
}
