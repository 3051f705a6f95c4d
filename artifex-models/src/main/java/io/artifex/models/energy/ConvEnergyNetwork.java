package io.artifex.models.energy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.artifex.core.config.ActivationType;
import java.util.ArrayList;
import java.util.List;

/**
 * A convolutional energy network for images {@code (N, C, H, W)}: one
 * {@code Conv(3x3, stride 2, padding 1)} with the activation per entry of {@code channels}
 * (each roughly halving height and width), then flatten,
 * {@code Linear(channels[last])}, the activation, and {@code Linear(1)}. Output {@code (N, 1)}.
 * No normalisation layers, so examples never interact (their input gradients stay their own).
 */
final class ConvEnergyNetwork extends AbstractBlock {

    private final List<Conv2d> convs = new ArrayList<>();
    private final Linear hidden;
    private final Linear out;
    private final ActivationType activation;

    ConvEnergyNetwork(List<Integer> channels, ActivationType activation) {
        if (channels == null || channels.isEmpty()) {
            throw new IllegalArgumentException("a convolutional energy network needs at least one hidden channel count");
        }
        this.activation = activation;
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i) <= 0) {
                throw new IllegalArgumentException("hiddenDims[" + i + "] must be positive, got " + channels.get(i));
            }
            convs.add(addChildBlock("conv" + i, Conv2d.builder().setKernelShape(new Shape(3, 3))
                    .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).setFilters(channels.get(i)).build()));
        }
        this.hidden = addChildBlock("hidden", Linear.builder().setUnits(channels.get(channels.size() - 1)).build());
        this.out = addChildBlock("out", Linear.builder().setUnits(1).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = inputs.singletonOrThrow();
        for (Conv2d conv : convs) {
            h = activation.apply(conv.forward(parameterStore, new NDList(h), training).singletonOrThrow());
        }
        h = h.reshape(h.getShape().get(0), -1);
        h = activation.apply(hidden.forward(parameterStore, new NDList(h), training).singletonOrThrow());
        return out.forward(parameterStore, new NDList(h), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("convolutional energy network input must be (N, C, H, W), got " + shape);
        }
        for (Conv2d conv : convs) {
            conv.initialize(manager, dataType, shape);
            shape = conv.getOutputShapes(new Shape[] {shape})[0];
        }
        Shape flat = new Shape(shape.get(0), shape.size() / shape.get(0));
        hidden.initialize(manager, dataType, flat);
        out.initialize(manager, dataType, hidden.getOutputShapes(new Shape[] {flat})[0]);
    }
}
