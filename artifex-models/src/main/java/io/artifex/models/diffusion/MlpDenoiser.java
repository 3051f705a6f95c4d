package io.artifex.models.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.artifex.core.config.ActivationType;
import io.artifex.models.common.Mlp;
import java.util.ArrayList;
import java.util.List;

/**
 * A small denoiser for vector data (e.g. 2-D toy sets): the time embedding
 * ({@link TimestepEmbedding}: sinusoidal(d) -> Linear(d -> d) -> activation -> Linear(d -> d))
 * is concatenated with {@code x} and fed through an MLP of the given hidden widths with a
 * final linear layer back to the data dimension.
 *
 * <p>Input {@code NDList(x, t)} with {@code x (N, D)} and {@code t (N)}; output {@code (N, D)}.
 */
final class MlpDenoiser extends AbstractBlock {

    private final int dataDim;
    private final TimestepEmbedding timeEmbedding;
    private final Mlp mlp;

    MlpDenoiser(int dataDim, List<Integer> hiddenDims, ActivationType activation, int timeEmbeddingDim) {
        this.dataDim = dataDim;
        timeEmbedding = addChildBlock("timeEmbedding",
                new TimestepEmbedding(timeEmbeddingDim, timeEmbeddingDim, activation, 0));
        List<Integer> widths = new ArrayList<>(hiddenDims);
        widths.add(dataDim);
        mlp = addChildBlock("mlp", new Mlp(widths, activation, false));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray temb = timeEmbedding.forward(ps, new NDList(inputs.get(1)), training).singletonOrThrow();
        return mlp.forward(ps, new NDList(x.concat(temb, 1)), training);
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        if (inputShapes[0].dimension() != 2 || inputShapes[0].get(1) != dataDim) {
            throw new IllegalArgumentException("MLP denoiser input must be (N, " + dataDim + "), got " + inputShapes[0]);
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        timeEmbedding.initialize(manager, dataType, new Shape(n));
        mlp.initialize(manager, dataType, new Shape(n, dataDim + timeEmbedding.dim()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dataDim)};
    }
}
