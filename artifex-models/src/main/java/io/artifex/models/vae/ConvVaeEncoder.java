package io.artifex.models.vae;

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
 * Convolutional VAE encoder: one stride-2 convolution (kernel 4, padding 1) per entry of
 * {@code hiddenDims}, each halving height and width, then a Linear head of width
 * {@code 2 * latentDim} on the flattened features (plus the one-hot labels when conditional),
 * split into mean and log-variance.
 */
final class ConvVaeEncoder extends AbstractBlock {

    private final List<Conv2d> convs = new ArrayList<>();
    private final Linear head;
    private final ActivationType activation;
    private final int latentDim;

    ConvVaeEncoder(Shape imageShape, List<Integer> hiddenDims, int latentDim, ActivationType activation) {
        int levels = hiddenDims.size();
        if (imageShape.get(1) % (1L << levels) != 0 || imageShape.get(2) % (1L << levels) != 0) {
            throw new IllegalArgumentException("convolutional encoder: height and width " + imageShape.get(1) + "x"
                    + imageShape.get(2) + " must be divisible by 2^" + levels + " (one halving per hidden layer)");
        }
        this.activation = activation;
        this.latentDim = latentDim;
        for (int i = 0; i < levels; i++) {
            convs.add(addChildBlock("conv" + i, Conv2d.builder().setKernelShape(new Shape(4, 4))
                    .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).setFilters(hiddenDims.get(i)).build()));
        }
        this.head = addChildBlock("head", Linear.builder().setUnits(2L * latentDim).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        for (Conv2d conv : convs) {
            h = activation.apply(conv.forward(parameterStore, new NDList(h), training).singletonOrThrow());
        }
        h = h.reshape(h.getShape().get(0), -1);
        if (inputs.size() > 1) {
            h = h.concat(inputs.get(1), 1);
        }
        return head.forward(parameterStore, new NDList(h), training).singletonOrThrow().split(2, 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape out = new Shape(inputShapes[0].get(0), latentDim);
        return new Shape[] {out, out};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        for (Conv2d conv : convs) {
            conv.initialize(manager, dataType, shape);
            shape = conv.getOutputShapes(new Shape[] {shape})[0];
        }
        long features = shape.size() / shape.get(0) + (inputShapes.length > 1 ? inputShapes[1].get(1) : 0);
        head.initialize(manager, dataType, new Shape(shape.get(0), features));
    }
}
