package io.artifex.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Flow layers applied one after another: log-determinants add up, and the inverse runs the
 * layers' inverses in reverse order.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class FlowSequence extends FlowLayer {

    private final List<FlowLayer> layers = new ArrayList<>();

    /** A sequence of the given layers, named {@code layer0, layer1, ...}. */
    public FlowSequence(List<? extends FlowLayer> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a flow sequence needs at least one layer");
        }
        for (int i = 0; i < layers.size(); i++) {
            this.layers.add(addChildBlock("layer" + i, layers.get(i)));
        }
    }

    /** The layers, in the data-to-latent order. */
    public List<FlowLayer> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public FlowResult transform(ParameterStore parameterStore, NDArray x, boolean training) {
        NDArray y = x;
        NDArray logDet = null;
        for (FlowLayer layer : layers) {
            FlowResult r = layer.transform(parameterStore, y, training);
            y = r.y();
            logDet = logDet == null ? r.logDet() : logDet.add(r.logDet());
        }
        return new FlowResult(y, logDet);
    }

    @Override
    public NDArray inverse(ParameterStore parameterStore, NDArray y) {
        NDArray x = y;
        for (int i = layers.size() - 1; i >= 0; i--) {
            x = layers.get(i).inverse(parameterStore, x);
        }
        return x;
    }

    @Override
    public Shape outputShape(Shape x) {
        Shape shape = x;
        for (FlowLayer layer : layers) {
            shape = layer.outputShape(shape);
        }
        return shape;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        for (FlowLayer layer : layers) {
            layer.initialize(manager, dataType, shape);
            shape = layer.outputShape(shape);
        }
    }
}
