package io.artifex.models.vae;

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
import io.artifex.models.common.Mlp;
import java.util.List;

/**
 * Fully connected VAE encoder q(z|x): flatten, hidden layers with an activation, then one
 * Linear head of width {@code 2 * latentDim} split into the posterior mean and log-variance
 * (the same parameters as two separate heads, one matrix product instead of two).
 *
 * <p>Input: {@code NDList(x)} or, when conditional, {@code NDList(x, oneHotLabels)}; x may be
 * an image batch or already flat. Output: {@code NDList(mean, logVar)}, each {@code (N, latentDim)}.
 */
final class DenseVaeEncoder extends AbstractBlock {

    private final Mlp trunk;
    private final Linear head;
    private final int latentDim;

    DenseVaeEncoder(List<Integer> hiddenDims, int latentDim, ActivationType activation) {
        this.latentDim = latentDim;
        this.trunk = addChildBlock("trunk", new Mlp(hiddenDims, activation, true));
        this.head = addChildBlock("head", Linear.builder().setUnits(2L * latentDim).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        x = x.reshape(x.getShape().get(0), -1);
        if (inputs.size() > 1) {
            x = x.concat(inputs.get(1), 1);
        }
        NDArray h = trunk.forward(parameterStore, new NDList(x), training).singletonOrThrow();
        NDArray stats = head.forward(parameterStore, new NDList(h), training).singletonOrThrow();
        return stats.split(2, 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape out = new Shape(inputShapes[0].get(0), latentDim);
        return new Shape[] {out, out};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long features = inputShapes[0].size() / inputShapes[0].get(0);
        if (inputShapes.length > 1) {
            features += inputShapes[1].get(1);
        }
        Shape flat = new Shape(inputShapes[0].get(0), features);
        trunk.initialize(manager, dataType, flat);
        head.initialize(manager, dataType, trunk.getOutputShapes(new Shape[] {flat}));
    }
}
