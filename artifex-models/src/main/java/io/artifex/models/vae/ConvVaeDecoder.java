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
import io.artifex.core.nn.ConvTranspose2d;
import java.util.ArrayList;
import java.util.List;

/**
 * Convolutional VAE decoder: a Linear layer from z to {@code hiddenDims[0]} feature maps of
 * size {@code H / 2^L x W / 2^L} (L = number of hidden dims), then one transposed convolution
 * (kernel 4, stride 2, padding 1, the core {@link ConvTranspose2d}) per level, each doubling
 * the size, the last one producing the image's channels (logits or means).
 */
final class ConvVaeDecoder extends AbstractBlock {

    private final Linear project;
    private final List<ConvTranspose2d> ups = new ArrayList<>();
    private final ActivationType activation;
    private final Shape imageShape;
    private final Shape seedShape;

    ConvVaeDecoder(List<Integer> hiddenDims, Shape imageShape, ActivationType activation) {
        int levels = hiddenDims.size();
        long h = imageShape.get(1) >> levels;
        long w = imageShape.get(2) >> levels;
        if (h << levels != imageShape.get(1) || w << levels != imageShape.get(2)) {
            throw new IllegalArgumentException("convolutional decoder: height and width " + imageShape.get(1) + "x"
                    + imageShape.get(2) + " must be divisible by 2^" + levels + " (one doubling per hidden layer)");
        }
        this.activation = activation;
        this.imageShape = imageShape;
        this.seedShape = new Shape(hiddenDims.get(0), h, w);
        this.project = addChildBlock("project", Linear.builder().setUnits(seedShape.size()).build());
        for (int i = 0; i < levels; i++) {
            int in = hiddenDims.get(i);
            int out = i + 1 < levels ? hiddenDims.get(i + 1) : (int) imageShape.get(0);
            ups.add(addChildBlock("up" + i, new ConvTranspose2d(in, out, 4, 2, 1)));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray z = inputs.singletonOrThrow();
        NDArray h = activation.apply(project.forward(parameterStore, new NDList(z), training).singletonOrThrow());
        h = h.reshape(new Shape(z.getShape().get(0)).addAll(seedShape));
        for (int i = 0; i < ups.size(); i++) {
            h = ups.get(i).forward(parameterStore, new NDList(h), training).singletonOrThrow();
            if (i + 1 < ups.size()) {
                h = activation.apply(h);
            }
        }
        return new NDList(h);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0)).addAll(imageShape)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        project.initialize(manager, dataType, inputShapes[0]);
        Shape shape = new Shape(inputShapes[0].get(0)).addAll(seedShape);
        for (ConvTranspose2d up : ups) {
            up.initialize(manager, dataType, shape);
            shape = up.getOutputShapes(new Shape[] {shape})[0];
        }
    }
}
