package io.artifex.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.artifex.core.config.ActivationType;
import java.util.ArrayList;
import java.util.List;

/**
 * MADE (Germain et al., 2015): a masked MLP on {@code (N, D)} whose outputs {@code (N, 2D)}
 * are a mean {@code mu_i} and a log-scale {@code alpha_i} per variable, each depending only on
 * the variables before {@code i} in the natural order. Input degrees are {@code 1..D}; hidden
 * unit {@code k} gets degree {@code (k mod (D - 1)) + 1}; a hidden unit sees inputs of degree
 * at most its own, an output of degree {@code d} sees hidden units of degree below {@code d}.
 * The output layer's weight starts at zero.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class Made extends AbstractBlock {

    private final int dim;
    private final List<MaskedLinear> layers = new ArrayList<>();
    private final ActivationType activation;

    /** A MADE on {@code dim} variables with the given hidden widths. */
    public Made(int dim, List<Integer> hiddenDims, ActivationType activation) {
        super((byte) 1);
        if (dim < 2) {
            throw new IllegalArgumentException("MADE needs at least 2 variables, got " + dim);
        }
        if (hiddenDims == null || hiddenDims.isEmpty()) {
            throw new IllegalArgumentException("MADE needs at least one hidden layer");
        }
        this.dim = dim;
        this.activation = activation;
        int[] previous = new int[dim];
        for (int i = 0; i < dim; i++) {
            previous[i] = i + 1;
        }
        for (int l = 0; l < hiddenDims.size(); l++) {
            int width = hiddenDims.get(l);
            int[] degrees = new int[width];
            float[] mask = new float[width * previous.length];
            for (int k = 0; k < width; k++) {
                degrees[k] = k % (dim - 1) + 1;
                for (int j = 0; j < previous.length; j++) {
                    mask[k * previous.length + j] = degrees[k] >= previous[j] ? 1f : 0f;
                }
            }
            layers.add(addChildBlock("masked" + l, new MaskedLinear(mask, width, previous.length)));
            previous = degrees;
        }
        float[] outMask = new float[2 * dim * previous.length];
        for (int o = 0; o < 2 * dim; o++) {
            int degree = o % dim + 1;
            for (int k = 0; k < previous.length; k++) {
                outMask[o * previous.length + k] = degree > previous[k] ? 1f : 0f;
            }
        }
        MaskedLinear output = new MaskedLinear(outMask, 2 * dim, previous.length);
        // the output layer starts at zero: mu = 0, alpha = 0, so each MAF layer starts as the identity
        output.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        layers.add(addChildBlock("masked" + hiddenDims.size(), output));
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(parameterStore, new NDList(x), training).singletonOrThrow();
            if (i < layers.size() - 1) {
                x = activation.apply(x);
            }
        }
        return new NDList(x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 2L * dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        for (MaskedLinear layer : layers) {
            layer.initialize(manager, dataType, shape);
            shape = layer.getOutputShapes(new Shape[] {shape})[0];
        }
    }
}
