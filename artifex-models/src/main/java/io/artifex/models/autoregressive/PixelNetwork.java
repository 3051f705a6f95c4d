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

/**
 * What the two PixelCNN networks share: inputs {@code x (N, inputChannels, H, W)}, already
 * encoded (with the intensity encoding {@code C} channels scaled to [-1, 1]; with the one-hot
 * encoding {@code C * levels} indicator channels, channel {@code c * levels + v} for value
 * {@code v} of image channel {@code c}) and, when class-conditional, one-hot labels {@code (N, K)}; output the raw logits
 * {@code (N, C * levels, H, W)}, channel {@code c * levels + v} holding value {@code v} of image
 * channel {@code c}. Output (i, j) depends only on input pixels before (i, j) in raster order.
 * The output head is {@code ReLU Conv1x1(hidden -> hidden) ReLU Conv1x1(hidden -> C * levels)}.
 */
abstract class PixelNetwork extends AbstractBlock {

    protected final int channels;
    protected final int levels;
    protected final int hidden;
    protected final int numClasses;
    /** Whether the input is one-hot encoded ({@code C * levels} channels) rather than intensities ({@code C}). */
    protected final boolean oneHotInput;
    /** Channels of the encoded input: {@code C}, or {@code C * levels} when one-hot. */
    protected final int inputChannels;
    private final Conv2d head1;
    private final Conv2d head2;

    PixelNetwork(int channels, int levels, int hidden, int numClasses, PixelCnnInputEncoding encoding) {
        this.channels = channels;
        this.levels = levels;
        this.hidden = hidden;
        this.numClasses = numClasses;
        this.oneHotInput = encoding == PixelCnnInputEncoding.ONE_HOT;
        this.inputChannels = oneHotInput ? Math.multiplyExact(channels, levels) : channels;
        head1 = addChildBlock("head1", pointwise(hidden));
        head2 = addChildBlock("head2", pointwise(channels * levels));
    }

    /** A 1x1 convolution with bias. */
    static Conv2d pointwise(int outChannels) {
        return Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(outChannels).build();
    }

    /** The body: features {@code (N, hidden, H, W)} that depend only on earlier pixels. */
    abstract NDArray features(ParameterStore store, NDArray x, NDArray oneHot, boolean training);

    /** Initialises the body for encoded images of shape {@code image} (N, inputChannels, H, W). */
    abstract void initializeBody(NDManager manager, DataType dataType, Shape image, Shape labels);

    @Override
    protected final NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                           PairList<String, Object> params) {
        NDArray oneHot = inputs.size() > 1 ? inputs.get(1) : null;
        if ((oneHot != null) != (numClasses > 0)) {
            throw new IllegalArgumentException(numClasses > 0
                    ? "this PixelCNN is class-conditional (" + numClasses + " classes) and needs one-hot labels"
                    : "this PixelCNN is unconditional and takes no labels");
        }
        NDArray h = features(store, inputs.get(0), oneHot, training);
        h = head1.forward(store, new NDList(Activation.relu(h)), training).singletonOrThrow();
        return head2.forward(store, new NDList(Activation.relu(h)), training);
    }

    /** The head's first 1x1 convolution {@code hidden -> hidden}. */
    Conv2d head1() {
        return head1;
    }

    /** The head's second 1x1 convolution {@code hidden -> C * levels}. */
    Conv2d head2() {
        return head2;
    }

    /**
     * A per-position evaluator of this network for raster-order sampling (see {@link PixelCache}),
     * owning a sub-manager of {@code parent} that {@link PixelCache#close()} releases.
     *
     * @param parent the manager the caches are created under (its device is used)
     * @param n images in the batch
     * @param height image rows
     * @param width image columns
     * @param canvas the images in [0, 1], row-major {@code (n, C, height, width)}, read live: the
     *               caller writes each drawn pixel into it before the next position is evaluated
     * @param oneHot row-major {@code (n, numClasses)} one-hot labels; null when unconditional
     */
    abstract PixelCache newCache(NDManager parent, int n, int height, int width, float[] canvas, float[] oneHot);

    @Override
    protected final void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape image = inputShapes[0];
        initializeBody(manager, dataType, image, inputShapes.length > 1 ? inputShapes[1] : null);
        Shape features = new Shape(image.get(0), hidden, image.get(2), image.get(3));
        head1.initialize(manager, dataType, features);
        head2.initialize(manager, dataType, features);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), (long) channels * levels, in.get(2), in.get(3))};
    }
}
