package io.artifex.models.diffusion;

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
import io.artifex.core.nn.SinusoidalTimeEmbedding;

/**
 * The conditioning vector of a denoiser: {@code sinusoidal(t) -> Linear(sinDim -> dim) ->
 * activation -> Linear(dim -> dim)} (benchmark network #3: sinusoidal(64), dim 256, SiLU),
 * plus, for a class-conditional model, a learned class embedding: a bias-free
 * {@code Linear(numClasses + 1 -> dim)} of the one-hot label, added. Label
 * {@code numClasses} is the "null" class used for label dropout and unconditional sampling.
 *
 * <p>Input {@code NDList(t)} or {@code NDList(t, labels)}, {@code t} and {@code labels} of
 * shape {@code (N)}; output {@code (N, dim)}.
 */
final class TimestepEmbedding extends AbstractBlock {

    private final SinusoidalTimeEmbedding sinusoidal;
    private final Linear first;
    private final Linear second;
    private final Linear classEmbedding;
    private final ActivationType activation;
    private final int sinusoidalDim;
    private final int dim;
    private final int numClasses;

    TimestepEmbedding(int sinusoidalDim, int dim, ActivationType activation, int numClasses) {
        this.sinusoidalDim = sinusoidalDim;
        this.dim = dim;
        this.activation = activation;
        this.numClasses = numClasses;
        sinusoidal = addChildBlock("sinusoidal", new SinusoidalTimeEmbedding(sinusoidalDim));
        first = addChildBlock("linear1", Linear.builder().setUnits(dim).build());
        second = addChildBlock("linear2", Linear.builder().setUnits(dim).build());
        classEmbedding = numClasses > 0
                ? addChildBlock("classEmbedding", Linear.builder().setUnits(dim).optBias(false).build()) : null;
    }

    /** The output width. */
    int dim() {
        return dim;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray emb = sinusoidal.embed(inputs.get(0));
        emb = first.forward(ps, new NDList(emb), training).singletonOrThrow();
        emb = second.forward(ps, new NDList(activation.apply(emb)), training).singletonOrThrow();
        if (classEmbedding != null) {
            if (inputs.size() < 2) {
                throw new IllegalArgumentException("a class-conditional denoiser needs labels as its third input");
            }
            NDArray oneHot = inputs.get(1).toType(DataType.INT64, false).oneHot(numClasses + 1);
            emb = emb.add(classEmbedding.forward(ps, new NDList(oneHot), training).singletonOrThrow());
        }
        return new NDList(emb);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        // parameterless, but initialised all the same: saving a model writes every block's input shapes
        sinusoidal.initialize(manager, dataType, new Shape(n));
        first.initialize(manager, dataType, new Shape(n, sinusoidalDim));
        second.initialize(manager, dataType, new Shape(n, dim));
        if (classEmbedding != null) {
            classEmbedding.initialize(manager, dataType, new Shape(n, numClasses + 1));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }
}
