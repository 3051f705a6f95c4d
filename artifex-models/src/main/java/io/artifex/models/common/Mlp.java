package io.artifex.models.common;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.artifex.core.config.ActivationType;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-layer perceptron: Linear layers of the given widths with an activation between
 * them (and optionally after the last). Input {@code (N, features)}, output {@code (N, widths[last])}.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class Mlp extends AbstractBlock {

    private final List<Linear> layers = new ArrayList<>();
    private final List<Integer> widths;
    private final ActivationType activation;
    private final boolean activateLast;

    /**
     * @param widths output width of each Linear layer, in order (at least one)
     * @param activation activation between layers
     * @param activateLast whether the activation is also applied after the last layer
     */
    public Mlp(List<Integer> widths, ActivationType activation, boolean activateLast) {
        if (widths == null || widths.isEmpty()) {
            throw new IllegalArgumentException("an MLP needs at least one layer width");
        }
        this.widths = List.copyOf(widths);
        this.activation = activation;
        this.activateLast = activateLast;
        for (int i = 0; i < widths.size(); i++) {
            if (widths.get(i) <= 0) {
                throw new IllegalArgumentException("MLP layer " + i + " width must be positive, got " + widths.get(i));
            }
            layers.add(addChildBlock("linear" + i, Linear.builder().setUnits(widths.get(i)).build()));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(parameterStore, new NDList(x), training).singletonOrThrow();
            if (i < layers.size() - 1 || activateLast) {
                x = activation.apply(x);
            }
        }
        return new NDList(x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), widths.get(widths.size() - 1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        for (Linear layer : layers) {
            layer.initialize(manager, dataType, shape);
            shape = layer.getOutputShapes(new Shape[] {shape})[0];
        }
    }
}
