package io.artifex.models.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-D convolution of the discriminator with optional {@link SpectralNorm} on its weight
 * ({@code (out, in, kH, kW)}, with bias). Without spectral norm it computes exactly what DJL's
 * {@code Conv2d} does.
 */
final class CriticConv2d extends AbstractBlock {

    private final ConvLayerSpec spec;
    private final Parameter weight;
    private final Parameter bias;
    private final SpectralNorm spectralNorm;

    CriticConv2d(ConvLayerSpec spec, boolean spectral) {
        this.spec = spec;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(spec.outChannels(), spec.inChannels()).addAll(spec.kernel())).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(spec.outChannels())).build());
        spectralNorm = spectral ? new SpectralNorm(spec.outChannels()) : null;
    }

    SpectralNorm spectralNorm() {
        return spectralNorm;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, x.getDevice(), training);
        if (spectralNorm != null) {
            w = spectralNorm.apply(w, training);
        }
        NDArray b = parameterStore.getValue(bias, x.getDevice(), training);
        return Conv2d.conv2d(x, w, b, spec.stride(), spec.padding(), new Shape(1, 1), 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), spec.outChannels()).addAll(spec.outSize())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (spectralNorm != null) {
            spectralNorm.initialize(manager);
        }
    }
}
