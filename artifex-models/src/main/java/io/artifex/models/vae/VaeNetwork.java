package io.artifex.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The VAE's root block: an encoder and a decoder child, so that saving, loading, counting and
 * optimising see every parameter. Its own forward is the deterministic auto-encoding path
 * (decode the posterior mean); the {@link Vae} drives the stochastic one.
 *
 * <p>Input shapes for initialisation: the image batch, then, when conditional, the one-hot labels.
 */
final class VaeNetwork extends AbstractBlock {

    private final Block encoder;
    private final Block decoder;
    private final int latentDim;

    VaeNetwork(Block encoder, Block decoder, int latentDim) {
        this.encoder = addChildBlock("encoder", encoder);
        this.decoder = addChildBlock("decoder", decoder);
        this.latentDim = latentDim;
    }

    Block encoder() {
        return encoder;
    }

    Block decoder() {
        return decoder;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray mean = encoder.forward(parameterStore, inputs, training).get(0);
        NDArray decoderInput = inputs.size() > 1 ? mean.concat(inputs.get(1), 1) : mean;
        return decoder.forward(parameterStore, new NDList(decoderInput), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return decoder.getOutputShapes(new Shape[] {decoderInputShape(inputShapes)});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        decoder.initialize(manager, dataType, decoderInputShape(inputShapes));
    }

    private Shape decoderInputShape(Shape[] inputShapes) {
        long conditioning = inputShapes.length > 1 ? inputShapes[1].get(1) : 0;
        return new Shape(inputShapes[0].get(0), latentDim + conditioning);
    }
}
