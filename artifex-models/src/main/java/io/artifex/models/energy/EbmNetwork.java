package io.artifex.models.energy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * The EBM's root block: the energy network as its one child, and the replay buffer as a
 * parameter of its own, {@code replay_buffer}, shaped {@code (capacity, sample...)}, of type
 * {@link Parameter.Type#OTHER} and frozen (it never requires a gradient). Keeping the buffer
 * in the block tree means that whatever saves, loads or checkpoints the network's parameters
 * also saves the buffer, so a resumed run continues the same persistent chains. Optimizer
 * groups and the parameter count cover the energy network only.
 *
 * <p>Forward: the energy network on {@code (N, sample...)}, output {@code (N, 1)}.
 */
final class EbmNetwork extends AbstractBlock {

    /** The buffer parameter's name. */
    static final String BUFFER = "replay_buffer";

    private final Block energy;
    private final Parameter buffer;

    EbmNetwork(Block energy, int capacity, Shape sampleShape) {
        this.energy = addChildBlock("energy", energy);
        this.buffer = addParameter(Parameter.builder().setName(BUFFER).setType(Parameter.Type.OTHER)
                .optShape(new Shape(capacity).addAll(sampleShape))
                .optInitializer(Initializer.ZEROS)
                .optRequiresGrad(false).build());
    }

    Block energy() {
        return energy;
    }

    Parameter buffer() {
        return buffer;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return energy.forward(parameterStore, inputs, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        energy.initialize(manager, dataType, inputShapes);
    }
}
