package io.artifex.examples.custom;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * The custom model's network: two learned scalars, a mean and a log standard deviation, each
 * of shape (1). Its forward pass ignores its input and returns them (on the input's device).
 */
public final class GaussianParameters extends AbstractBlock {

    private final Parameter mean = addParameter(Parameter.builder().setName("mean").setType(Parameter.Type.WEIGHT)
            .optShape(new Shape(1)).optInitializer(Initializer.ZEROS).build());
    private final Parameter logStd = addParameter(Parameter.builder().setName("logStd")
            .setType(Parameter.Type.WEIGHT).optShape(new Shape(1)).optInitializer(Initializer.ZEROS).build());

    /** The mean parameter. */
    public Parameter mean() {
        return mean;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(store.getValue(mean, inputs.head().getDevice(), training),
                store.getValue(logStd, inputs.head().getDevice(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(1), new Shape(1)};
    }
}
