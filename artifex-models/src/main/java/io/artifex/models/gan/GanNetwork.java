package io.artifex.models.gan;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The GAN's root block: a generator and a discriminator child, so that saving, loading and
 * counting see every parameter. Its own forward is the generator's. It initialises each child
 * with that child's own input shape (known from the config), whatever shape it is given.
 */
final class GanNetwork extends AbstractBlock {

    private final Block generator;
    private final Block discriminator;
    private final Shape generatorInput;
    private final Shape discriminatorInput;

    /**
     * @param generatorInput one generator input, without the batch axis: (latentDim [+ classes])
     * @param discriminatorInput one discriminator input, without the batch axis
     */
    GanNetwork(Block generator, Block discriminator, Shape generatorInput, Shape discriminatorInput) {
        this.generator = addChildBlock("generator", generator);
        this.discriminator = addChildBlock("discriminator", discriminator);
        this.generatorInput = generatorInput;
        this.discriminatorInput = discriminatorInput;
    }

    Block generator() {
        return generator;
    }

    Block discriminator() {
        return discriminator;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return generator.forward(parameterStore, inputs, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return generator.getOutputShapes(new Shape[] {new Shape(1).addAll(generatorInput)});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        generator.initialize(manager, dataType, new Shape(1).addAll(generatorInput));
        discriminator.initialize(manager, dataType, new Shape(1).addAll(discriminatorInput));
    }
}
