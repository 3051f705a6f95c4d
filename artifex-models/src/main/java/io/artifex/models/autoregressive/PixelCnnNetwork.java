package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.nn.MaskedConv2d;
import java.util.ArrayList;
import java.util.List;

/**
 * The original PixelCNN (van den Oord et al., 2016): a mask-A 7x7 convolution
 * {@code inputChannels -> hidden} (C, or C * levels for the one-hot input; the spatial mask hides
 * the current and later pixels from every input channel alike), then {@code numLayers - 1}
 * {@link MaskedResidualBlock}s with mask-B 3x3 convolutions, then the shared output head. For
 * (28, 28, 1), 64 hidden channels, 8 layers and 256 levels with intensity input this is
 * reference network #6 (118,080 parameters). When class-conditional, a
 * per-class bias is added after the first layer and inside every block.
 */
final class PixelCnnNetwork extends PixelNetwork {

    /** Kernel of the first (mask-A) layer. */
    static final int FIRST_KERNEL = 7;
    /** Kernel of the mask-B layers inside the residual blocks. */
    static final int BLOCK_KERNEL = 3;

    private final MaskedConv2d input;
    private final ClassBias inputBias;
    private final List<MaskedResidualBlock> blocks = new ArrayList<>();

    PixelCnnNetwork(int channels, int levels, int hidden, int residual, int numLayers, int numClasses,
                    PixelCnnInputEncoding encoding) {
        super(channels, levels, hidden, numClasses, encoding);
        input = addChildBlock("input", new MaskedConv2d(MaskedConv2d.MaskType.A, inputChannels, hidden, FIRST_KERNEL));
        inputBias = numClasses > 0 ? addChildBlock("inputClassBias", new ClassBias(numClasses, hidden)) : null;
        for (int i = 1; i < numLayers; i++) {
            blocks.add(addChildBlock("block" + i, new MaskedResidualBlock(hidden, residual, BLOCK_KERNEL, numClasses)));
        }
    }

    @Override
    NDArray features(ParameterStore store, NDArray x, NDArray oneHot, boolean training) {
        NDArray h = input.forward(store, new NDList(x), training).singletonOrThrow();
        if (inputBias != null) {
            h = inputBias.apply(store, h, oneHot, training);
        }
        for (MaskedResidualBlock block : blocks) {
            NDList in = oneHot == null ? new NDList(h) : new NDList(h, oneHot);
            h = block.forward(store, in, training).singletonOrThrow();
        }
        return h;
    }

    /** The mask-A input convolution. */
    MaskedConv2d inputLayer() {
        return input;
    }

    /** The per-class bias after the input convolution; null when unconditional. */
    ClassBias inputClassBias() {
        return inputBias;
    }

    /** The residual blocks, in order. */
    List<MaskedResidualBlock> blocks() {
        return List.copyOf(blocks);
    }

    @Override
    PixelCache newCache(NDManager parent, int n, int height, int width, float[] canvas, float[] oneHot) {
        return new PixelCnnCache(this, parent, n, height, width, canvas, oneHot);
    }

    @Override
    void initializeBody(NDManager manager, DataType dataType, Shape image, Shape labels) {
        Shape features = new Shape(image.get(0), hidden, image.get(2), image.get(3));
        input.initialize(manager, dataType, image);
        if (inputBias != null) {
            inputBias.initialize(manager, dataType, features, labels);
        }
        for (MaskedResidualBlock block : blocks) {
            if (labels == null) {
                block.initialize(manager, dataType, features);
            } else {
                block.initialize(manager, dataType, features, labels);
            }
        }
    }
}
