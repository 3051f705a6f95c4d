package io.artifex.models.autoregressive;

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
import io.artifex.core.nn.MaskedConv2d;

/**
 * The residual block of PixelCNN (van den Oord et al., 2016, "Pixel Recurrent Neural
 * Networks"): {@code x + Conv1x1(ReLU(maskB Conv3x3(ReLU(Conv1x1(ReLU(x))))))}, narrowing
 * {@code hidden} channels to {@code residual} and back. When class-conditional, a per-class bias
 * is added to the masked convolution's output.
 *
 * <p>Inputs: {@code x (N, hidden, H, W)} and, when conditional, the one-hot labels {@code (N, K)}.
 */
final class MaskedResidualBlock extends AbstractBlock {

    private final int hidden;
    private final int residual;
    private final Conv2d reduce;
    private final MaskedConv2d masked;
    private final Conv2d expand;
    private final ClassBias classBias;

    MaskedResidualBlock(int hidden, int residual, int kernel, int numClasses) {
        this.hidden = hidden;
        this.residual = residual;
        reduce = addChildBlock("reduce", PixelCnnNetwork.pointwise(residual));
        masked = addChildBlock("masked", new MaskedConv2d(MaskedConv2d.MaskType.B, residual, residual, kernel));
        expand = addChildBlock("expand", PixelCnnNetwork.pointwise(hidden));
        classBias = numClasses > 0 ? addChildBlock("classBias", new ClassBias(numClasses, residual)) : null;
    }

    /** The 1x1 convolution {@code hidden -> residual}. */
    Conv2d reduce() {
        return reduce;
    }

    /** The mask-B convolution {@code residual -> residual}. */
    MaskedConv2d masked() {
        return masked;
    }

    /** The 1x1 convolution {@code residual -> hidden}. */
    Conv2d expand() {
        return expand;
    }

    /** The per-class bias after the masked convolution; null when unconditional. */
    ClassBias classBias() {
        return classBias;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray h = reduce.forward(store, new NDList(Activation.relu(x)), training).singletonOrThrow();
        h = masked.forward(store, new NDList(Activation.relu(h)), training).singletonOrThrow();
        if (classBias != null) {
            h = classBias.apply(store, h, inputs.get(1), training);
        }
        h = expand.forward(store, new NDList(Activation.relu(h)), training).singletonOrThrow();
        return new NDList(x.add(h));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape narrow = new Shape(in.get(0), residual, in.get(2), in.get(3));
        reduce.initialize(manager, dataType, in);
        masked.initialize(manager, dataType, narrow);
        expand.initialize(manager, dataType, narrow);
        if (classBias != null) {
            classBias.initialize(manager, dataType, narrow, inputShapes[1]);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), hidden, in.get(2), in.get(3))};
    }
}
