package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A learned bias per class added to every position of a feature map: inputs
 * {@code (features (N, channels, H, W), oneHot (N, numClasses))}, output
 * {@code features + (oneHot x table)} broadcast over H and W. The table starts at zero.
 * Being constant over space, it leaves the causal structure of a PixelCNN untouched.
 */
final class ClassBias extends AbstractBlock {

    private final int numClasses;
    private final int channels;
    private final Parameter table;

    ClassBias(int numClasses, int channels) {
        this.numClasses = numClasses;
        this.channels = channels;
        table = addParameter(Parameter.builder().setName("table").setType(Parameter.Type.BIAS)
                .optShape(new Shape(numClasses, channels)).build());
    }

    /** The {@code (numClasses, channels)} table of biases. */
    Parameter table() {
        return table;
    }

    /** {@code features + bias(oneHot)}. */
    NDArray apply(ParameterStore store, NDArray features, NDArray oneHot, boolean training) {
        NDArray t = store.getValue(table, features.getDevice(), training);
        NDArray bias = oneHot.matMul(t);
        return features.add(bias.reshape(bias.getShape().get(0), channels, 1, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(store, inputs.get(0), inputs.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "ClassBias(" + numClasses + " -> " + channels + ")";
    }
}
