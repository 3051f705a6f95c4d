package io.artifex.models.vae.vq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The VQ-VAE's residual blocks: {@code h = h + Conv1x1(ReLU(Conv3x3(ReLU(h))))}, the 3x3
 * convolution narrowing to {@code residualChannels}, the 1x1 one widening back. Shape-preserving.
 */
final class ResidualStack extends AbstractBlock {

    private final List<Conv2d> narrow = new ArrayList<>();
    private final List<Conv2d> widen = new ArrayList<>();

    ResidualStack(int channels, int residualChannels, int blocks) {
        for (int i = 0; i < blocks; i++) {
            narrow.add(addChildBlock("res" + i + "a", VqVaeNetwork.conv(residualChannels, 3, 1, 1)));
            widen.add(addChildBlock("res" + i + "b", VqVaeNetwork.conv(channels, 1, 1, 0)));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = inputs.singletonOrThrow();
        for (int i = 0; i < narrow.size(); i++) {
            NDArray r = narrow.get(i).forward(store, new NDList(Activation.relu(h)), training).singletonOrThrow();
            r = widen.get(i).forward(store, new NDList(Activation.relu(r)), training).singletonOrThrow();
            h = h.add(r);
        }
        return new NDList(h);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        for (int i = 0; i < narrow.size(); i++) {
            narrow.get(i).initialize(manager, dataType, in);
            widen.get(i).initialize(manager, dataType, narrow.get(i).getOutputShapes(new Shape[] {in})[0]);
        }
    }
}
