package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;

/**
 * Evaluates a {@link PixelNetwork} one position at a time, in raster order, for sampling.
 *
 * <p>With causal convolutions, every layer's activation at pixel p depends only on input pixels
 * before p. So once pixel p - 1 is drawn, the activations at p are final: each layer is
 * evaluated at that one position from the cached activations of the layer below in its kernel
 * window (a slice, one convolution with the layer's own, already masked, weights and bias, the
 * pointwise rest), and the result is written into that layer's cache for the positions after p
 * that read it. The caches are zero-padded like the convolutions' inputs, so a window is always
 * a plain slice. A network pass over the whole canvas per pixel becomes one window per layer per
 * pixel; the logits are the ones that pass would give up to float rounding (the sums run in
 * another order).
 *
 * <p>The caches, the masked weights and the per-class biases live in a sub-manager of the
 * caller's manager, released by {@link #close()}; what one position creates goes into the
 * caller's per-pixel manager. The model's parameters are read in place (copied only when they
 * sit on another device), so nothing lands in the model's manager.
 */
abstract class PixelCache implements AutoCloseable {

    private static final Shape UNIT = new Shape(1, 1);
    private static final Shape NO_PADDING = new Shape(0, 0);

    private final PixelNetwork network;
    /** Owns the caches and the prepared weights. */
    protected final NDManager scope;
    /** Reads the parameters on {@link #scope}'s device without copying them when they are already there. */
    protected final ParameterStore store;
    protected final int n;
    protected final int height;
    protected final int width;
    /** The network input {@code 2x - 1}, zero-padded: {@code (n, C, height + top + bottom, width + left + right)}. */
    protected final NDArray input;
    private final int top;
    private final int left;

    /**
     * Creates the input cache from the canvas, padded by {@code top}, {@code bottom} rows and
     * {@code left}, {@code right} columns of zeros.
     */
    PixelCache(PixelNetwork network, NDManager parent, int n, int height, int width, float[] canvas,
               int top, int bottom, int left, int right) {
        this.network = network;
        this.n = n;
        this.height = height;
        this.width = width;
        this.top = top;
        this.left = left;
        scope = parent.newSubManager();
        store = new ParameterStore(scope, false);
        int channels = network.channels;
        int rows = height + top + bottom;
        int cols = width + left + right;
        float[] padded = new float[n * channels * rows * cols];
        for (int plane = 0; plane < n * channels; plane++) {
            for (int r = 0; r < height; r++) {
                for (int q = 0; q < width; q++) {
                    float x = canvas[(plane * height + r) * width + q];
                    padded[(plane * rows + r + top) * cols + q + left] = 2f * x - 1f;
                }
            }
        }
        input = scope.create(padded, new Shape(n, channels, rows, cols));
    }

    /**
     * Prepares row {@code row}; called for every row in order, before its first pixel, once the
     * rows above it are complete.
     */
    void beginRow(int row) {
    }

    /**
     * Whether every pixel of the rows above the first drawn one must be evaluated: true when
     * later pixels read per-pixel caches of those rows, false when {@link #beginRow} alone
     * carries what later rows need.
     */
    abstract boolean needsEveryPixel();

    /**
     * The body's features {@code (n, hidden, 1, 1)} at (row, col), on {@code step}; writes this
     * position into the layer caches. Positions are visited in raster order, each once the
     * pixels before it are in the input cache.
     */
    abstract NDArray features(int row, int col, NDManager step);

    /** The logits {@code (n, C, levels)} at (row, col), on {@code step}: the output head on {@link #features}. */
    NDArray logits(int row, int col, NDManager step) {
        return network.head(store, features(row, col, step), false).reshape(n, network.channels, network.levels);
    }

    /** Writes a drawn pixel: {@code values} are {@code (n, C, 1, 1)} in the network's input space {@code 2x - 1}. */
    void writePixel(int row, int col, NDArray values) {
        put(input, row + top, col + left, values);
    }

    /** A parameter's value on the cache's device. */
    protected NDArray value(Parameter parameter) {
        return store.getValue(parameter, scope.getDevice(), false);
    }

    /** The named parameter of {@code block} (e.g. a DJL {@code Conv2d}'s {@code weight}) on the cache's device. */
    protected NDArray value(Block block, String name) {
        return value(block.getParameters().get(name));
    }

    /** The per-class bias {@code (n, channels, 1, 1)} of {@code bias} for the labels, or null when there is none. */
    protected NDArray classBias(ClassBias bias, NDArray oneHot) {
        if (bias == null) {
            return null;
        }
        NDArray b = oneHot.matMul(value(bias.table()));
        return b.reshape(n, b.getShape().get(1), 1, 1);
    }

    /** Rows {@code [r0, r1)} and columns {@code [c0, c1)} of every image and channel of {@code cache}, on {@code step}. */
    static NDArray window(NDArray cache, long r0, long r1, long c0, long c1, NDManager step) {
        return cache.get(step, new NDIndex().addAllDim(2).addSliceDim(r0, r1).addSliceDim(c0, c1));
    }

    /** Copies {@code value} {@code (n, channels, 1, cols)} into {@code cache} at row {@code row}, columns from {@code col}. */
    static void put(NDArray cache, long row, long col, NDArray value) {
        cache.set(new NDIndex().addAllDim(2).addSliceDim(row, row + 1).addSliceDim(col, col + value.getShape().get(3)),
                value);
    }

    /** A stride-1 convolution without padding (a window in, one position or one row out). */
    static NDArray conv(NDArray x, NDArray weight, NDArray bias) {
        return Conv2d.conv2d(x, weight, bias, UNIT, NO_PADDING).singletonOrThrow();
    }

    /** Releases the caches and the prepared weights. */
    @Override
    public void close() {
        scope.close();
    }
}
