package io.artifex.models.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A dense layer of the discriminator, {@code (N, in) -> (N, out)}, weight {@code (out, in)} and
 * bias, with optional {@link SpectralNorm}. Inputs of more than two axes are flattened.
 */
final class CriticLinear extends AbstractBlock {

    private final long outFeatures;
    private final Parameter weight;
    private final Parameter bias;
    private final SpectralNorm spectralNorm;

    CriticLinear(long inFeatures, long outFeatures, boolean spectral) {
        this.outFeatures = outFeatures;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(outFeatures, inFeatures)).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(outFeatures)).build());
        spectralNorm = spectral ? new SpectralNorm(outFeatures) : null;
    }

    SpectralNorm spectralNorm() {
        return spectralNorm;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (x.getShape().dimension() != 2) {
            x = x.reshape(x.getShape().get(0), -1);
        }
        NDArray w = parameterStore.getValue(weight, x.getDevice(), training);
        if (spectralNorm != null) {
            w = spectralNorm.apply(w, training);
        }
        NDArray b = parameterStore.getValue(bias, x.getDevice(), training);
        return Linear.linear(x, w, b);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outFeatures)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (spectralNorm != null) {
            spectralNorm.initialize(manager);
        }
    }
}
