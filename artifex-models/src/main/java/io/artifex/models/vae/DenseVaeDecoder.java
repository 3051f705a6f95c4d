package io.artifex.models.vae;

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
 * Fully connected VAE decoder p(x|z): hidden layers with an activation and a final Linear
 * layer to every pixel, reshaped to the image {@code (N, C, H, W)}. The outputs are
 * Bernoulli logits or Gaussian means, depending on the VAE's likelihood.
 *
 * <p>Input: {@code NDList(z)}, where z already carries the one-hot labels of a conditional VAE.
 */
final class DenseVaeDecoder extends AbstractBlock {

    private final Mlp mlp;
    private final Shape imageShape;

    DenseVaeDecoder(List<Integer> hiddenDims, Shape imageShape, ActivationType activation) {
        this.imageShape = imageShape;
        List<Integer> widths = new ArrayList<>(hiddenDims);
        widths.add(Math.toIntExact(imageShape.size()));
        this.mlp = addChildBlock("mlp", new Mlp(widths, activation, false));
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray z = inputs.singletonOrThrow();
        NDArray out = mlp.forward(parameterStore, new NDList(z), training).singletonOrThrow();
        return new NDList(out.reshape(new Shape(z.getShape().get(0)).addAll(imageShape)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0)).addAll(imageShape)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        mlp.initialize(manager, dataType, inputShapes[0]);
    }
}
