package io.artifex.models.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.artifex.core.config.ActivationType;
import java.util.ArrayList;
import java.util.List;

/**
 * The discriminator of an MLP GAN: dense layers of the hidden widths with the activation, then
 * one logit; optional spectral normalisation on every layer. Input {@code (N, features)} (data
 * plus one-hot label when conditional), output {@code (N, 1)}.
 */
final class MlpDiscriminator extends AbstractBlock {

    private final List<CriticLinear> layers = new ArrayList<>();
    private final ActivationType activation;

    MlpDiscriminator(int inFeatures, List<Integer> hiddenDims, ActivationType activation, boolean spectral) {
        this.activation = activation;
        long in = inFeatures;
        for (int i = 0; i < hiddenDims.size(); i++) {
            layers.add(addChildBlock("linear" + i, new CriticLinear(in, hiddenDims.get(i), spectral)));
            in = hiddenDims.get(i);
        }
        layers.add(addChildBlock("head", new CriticLinear(in, 1, spectral)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = inputs.singletonOrThrow();
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(store, new NDList(h), training).singletonOrThrow();
            if (i < layers.size() - 1) {
                h = activation.apply(h);
            }
        }
        return new NDList(h);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (CriticLinear layer : layers) {
            layer.initialize(manager, dataType, inputShapes);
        }
    }
}
