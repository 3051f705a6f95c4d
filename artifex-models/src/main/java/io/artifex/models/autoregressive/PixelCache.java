package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a {@link PixelNetwork} one position at a time, in raster order, for sampling.
 *
 * <p>With causal convolutions, every layer's activation at pixel (i, j) depends only on input
 * pixels before it, so once pixel (i, j-1) is drawn the activations at (i, j) are final. A causal
 * convolution's window at (i, j) splits in two:
 * <ul>
 *   <li>the taps in the rows above row i, which read only rows that are complete when row i
 *       begins: for every column of the row at once, one convolution of a slab of the layer's
 *       cached input rows ({@link #beginRow}), kept per column together with the layer's bias
 *       and per-class bias;</li>
 *   <li>the taps in row i, at columns j-c..j (or j-c..j-1 on the image): small matrix products
 *       with the input of the pixels just visited, passed on from one pixel to the next
 *       ({@link RowConv}), or read from the canvas.</li>
 * </ul>
 * The 1x1 layers and the gates act on the one position. Each pixel then costs a few matrix
 * products on {@code (n, channels)} rows per layer instead of a pass over the canvas; the logits
 * are those of a full pass up to float rounding (the sums run in another order).
 *
 * <p>Managers: the prepared weights (copies, so nothing derived from them lands in the model's
 * manager) and the layer caches live in a sub-manager of the caller's; what a row needs in one
 * that is replaced at every row; what a pixel creates in the caller's per-pixel manager, except
 * the few partial sums handed to the next pixels, kept in a manager replaced at every pixel.
 * Memory therefore stays flat over the H * W pixels.
 */
abstract class PixelCache implements AutoCloseable {

    private static final Shape UNIT = new Shape(1, 1);
    private static final Shape NO_PADDING = new Shape(0, 0);

    /** Owns the prepared weights and the layer caches. */
    protected final NDManager scope;
    protected final int n;
    protected final int channels;
    protected final int levels;
    protected final int height;
    protected final int width;
    /** Channels of the network's encoded input: {@code channels}, or {@code channels * levels} when one-hot. */
    protected final int inputChannels;
    private final boolean oneHotInput;
    private final float[] canvas;
    private final ParameterStore store;
    private final NDArray head1Weight;
    private final NDArray head1Bias;
    private final NDArray head2Weight;
    private final NDArray head2Bias;
    /** Holds what the current row needs; replaced by {@link #beginRow}. */
    private NDManager rowScope;
    /** Holds the partial sums the current pixel reads; {@link #nextCarry} those it hands on. */
    private NDManager carry;
    private NDManager nextCarry;

    /**
     * @param canvas the images in [0, 1], {@code (n, C, height, width)} row-major, read live: the
     *               pixels before the position being evaluated must be in it
     */
    PixelCache(PixelNetwork network, NDManager parent, int n, int height, int width, float[] canvas) {
        this.n = n;
        this.channels = network.channels;
        this.levels = network.levels;
        this.height = height;
        this.width = width;
        this.inputChannels = network.inputChannels;
        this.oneHotInput = network.oneHotInput;
        this.canvas = canvas;
        scope = parent.newSubManager();
        store = new ParameterStore(scope, false);
        head1Weight = matrix(network.head1());
        head1Bias = value(network.head1(), "bias");
        head2Weight = matrix(network.head2());
        head2Bias = value(network.head2(), "bias");
    }

    /**
     * Prepares row {@code row}: called for every row in order, before its first pixel, once the
     * rows above it are in the canvas (and, where {@link #needsEveryPixel()}, evaluated).
     */
    final void beginRow(int row) {
        closeCarry();
        NDManager previous = rowScope;
        rowScope = scope.newSubManager();
        prepareRow(row, rowScope);
        if (previous != null) {
            previous.close();
        }
    }

    /**
     * Computes what row {@code row} needs, on {@code rows} (the previous row's manager is still
     * open, so values kept from it can be read).
     */
    abstract void prepareRow(int row, NDManager rows);

    /**
     * Whether every pixel of the rows above the first drawn one must be evaluated: true when
     * the rows below read per-pixel results of those rows, false when {@link #beginRow} alone
     * carries what they need.
     */
    abstract boolean needsEveryPixel();

    /**
     * The body's features {@code (n, hidden)} at (row, col), on {@code step}. Positions are
     * visited in raster order from the start of a row, after {@link #beginRow}.
     */
    final NDArray features(int row, int col, NDManager step) {
        nextCarry = scope.newSubManager();
        NDArray features = featuresAt(row, col, step);
        closeCarry();
        carry = nextCarry;
        nextCarry = null;
        return features;
    }

    /** {@link #features}, with {@link #handOn} available for partial sums that later pixels of the row read. */
    abstract NDArray featuresAt(int row, int col, NDManager step);

    /** The logits {@code (n, C, levels)} at (row, col), on {@code step}: the output head on {@link #features}. */
    final NDArray logits(int row, int col, NDManager step) {
        NDArray h = linear(Activation.relu(features(row, col, step)), head1Weight, head1Bias);
        return linear(Activation.relu(h), head2Weight, head2Bias).reshape(n, channels, levels);
    }

    /** Keeps {@code array} past the current pixel, for the pixels after it in the row. */
    protected final void handOn(NDArray array) {
        array.attach(nextCarry);
    }

    /** Keeps {@code array} until the next row has been prepared. */
    protected final void keepForRow(NDArray array) {
        array.attach(rowScope);
    }

    /**
     * Image rows {@code [first, first + rows)} of the canvas in the network's input encoding,
     * {@code (n, inputChannels, rows, width + 2 * pad)}: {@code 2x - 1} per channel, or one
     * indicator per level with the one-hot encoding; zero outside the image (rows above it,
     * {@code pad} columns either side), as the convolutions pad.
     */
    protected final NDArray inputRows(int first, int rows, int pad, NDManager manager) {
        int cols = width + 2 * pad;
        float[] out = new float[n * inputChannels * rows * cols];
        for (int plane = 0; plane < n * channels; plane++) {
            for (int r = 0; r < rows; r++) {
                int image = first + r;
                if (image < 0 || image >= height) {
                    continue;
                }
                for (int q = 0; q < width; q++) {
                    float x = canvas[(plane * height + image) * width + q];
                    out[(inputPlane(plane, x) * rows + r) * cols + pad + q] = inputValue(x);
                }
            }
        }
        return manager.create(out, new Shape(n, inputChannels, rows, cols));
    }

    /**
     * The {@code taps} pixels left of (row, col) in the input encoding, {@code (n, inputChannels * taps)}
     * (input-channel-major, then column col-taps..col-1), zero left of the image.
     */
    protected final NDArray inputTaps(int row, int col, int taps, NDManager manager) {
        float[] out = new float[n * inputChannels * taps];
        for (int plane = 0; plane < n * channels; plane++) {
            for (int t = 0; t < taps; t++) {
                int q = col - taps + t;
                if (q >= 0) {
                    float x = canvas[(plane * height + row) * width + q];
                    out[inputPlane(plane, x) * taps + t] = inputValue(x);
                }
            }
        }
        return manager.create(out, new Shape(n, (long) inputChannels * taps));
    }

    /**
     * The input plane (image b, input channel) that value {@code x} of canvas plane (b, c) sets:
     * the same plane for intensities, plane {@code (b, c * levels + k)} for level k when one-hot.
     */
    private int inputPlane(int plane, float x) {
        if (!oneHotInput) {
            return plane;
        }
        int k = Math.min(levels - 1, Math.max(0, Math.round(x * (levels - 1))));
        return plane * levels + k;
    }

    /** The encoded value of canvas value {@code x}: {@code 2x - 1}, or the indicator 1 when one-hot. */
    private float inputValue(float x) {
        return oneHotInput ? 1f : 2f * x - 1f;
    }

    /** A private copy of a parameter on the cache's device, owned by {@link #scope}. */
    protected final NDArray value(Parameter parameter) {
        if (parameter == null) {
            return null;
        }
        NDArray copy = store.getValue(parameter, scope.getDevice(), false).duplicate();
        copy.attach(scope);
        return copy;
    }

    /** The named parameter of {@code block} (e.g. a DJL {@code Conv2d}'s {@code weight}); see {@link #value(Parameter)}. */
    protected final NDArray value(Block block, String name) {
        return value(block.getParameters().get(name));
    }

    /** A 1x1 convolution's weight {@code (out, in, 1, 1)} as the matrix {@code (out, in)}. */
    protected final NDArray matrix(Conv2d pointwise) {
        NDArray w = value(pointwise, "weight");
        return w.reshape(w.getShape().get(0), w.getShape().get(1));
    }

    /** The per-class bias {@code (n, channels, 1, 1)} of {@code bias} for the labels, or null when there is none. */
    protected final NDArray classBias(ClassBias bias, NDArray oneHot) {
        if (bias == null) {
            return null;
        }
        NDArray b = oneHot.matMul(value(bias.table()));
        return b.reshape(n, b.getShape().get(1), 1, 1);
    }

    /**
     * A row of pre-activations {@code (n, ch, 1, W)} as W arrays {@code (n, ch)}, one per column,
     * on the row's manager.
     */
    protected final List<NDArray> columns(NDArray row) {
        long ch = row.getShape().get(1);
        NDArray byColumn = row.reshape(n, ch, width).transpose(2, 0, 1).reshape((long) width * n, ch);
        NDList parts = byColumn.split(width, 0);
        List<NDArray> out = new ArrayList<>(parts);
        for (NDArray part : out) {
            keepForRow(part);
        }
        return out;
    }

    /** Rows {@code [r0, r1)} and columns {@code [c0, c1)} of every image and channel of {@code cache}, on {@code manager}. */
    static NDArray window(NDArray cache, long r0, long r1, long c0, long c1, NDManager manager) {
        return cache.get(manager, new NDIndex().addAllDim(2).addSliceDim(r0, r1).addSliceDim(c0, c1));
    }

    /** Copies {@code value} {@code (n, channels, 1, cols)} into {@code cache} at row {@code row}, columns from {@code col}. */
    static void put(NDArray cache, long row, long col, NDArray value) {
        cache.set(new NDIndex().addAllDim(2).addSliceDim(row, row + 1).addSliceDim(col, col + value.getShape().get(3)),
                value);
    }

    /** A stride-1 convolution without padding: a slab of rows in, one row out. */
    static NDArray conv(NDArray x, NDArray weight, NDArray bias) {
        return Conv2d.conv2d(x, weight, bias, UNIT, NO_PADDING).singletonOrThrow();
    }

    /**
     * {@code x W^T + bias} for rows {@code x (n, in)}, {@code weight (out, in)} and a bias of shape
     * {@code (out)} or {@code (n, out)}: one fused multiply-add.
     */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }

    private void closeCarry() {
        if (carry != null) {
            carry.close();
            carry = null;
        }
    }

    /** Releases the caches and the prepared weights. */
    @Override
    public void close() {
        scope.close();
    }

    /**
     * The part of a causal convolution that lies in the current row and reads a map computed
     * pixel by pixel: output column j adds {@code taps[d] x(j - d)} for d = 0..c to the row's
     * contribution from above. The input at column j exists only once pixel j is evaluated, so its
     * terms for columns j+1..j+c are added right then into partial sums handed on to those pixels.
     */
    static final class RowConv {

        private final PixelCache cache;
        private final NDArray[] taps;
        private final NDArray[] pending;
        private List<NDArray> above;

        /**
         * @param cache the cache whose managers keep the partial sums
         * @param taps {@code taps[d]}: the weight {@code (out, in)} of the input d columns to the
         *             left; {@code taps[0]} the centre
         */
        RowConv(PixelCache cache, NDArray[] taps) {
            this.cache = cache;
            this.taps = taps;
            pending = new NDArray[cache.width];
        }

        /** Starts a row: {@code above.get(j)} {@code (n, out)} is column j's sum of everything but this row's taps. */
        void beginRow(List<NDArray> above) {
            this.above = above;
            for (int q = 0; q < pending.length; q++) {
                pending[q] = above.get(q);
            }
        }

        /** Column j's output, given its input {@code x (n, in)}; adds x's terms to columns j+1..j+c. */
        NDArray apply(int j, NDArray x) {
            NDArray out = linear(x, taps[0], pending[j]);
            for (int d = 1; d < taps.length && j + d < pending.length; d++) {
                pending[j + d] = linear(x, taps[d], pending[j + d]);
                cache.handOn(pending[j + d]);
            }
            pending[j] = null;
            return out;
        }
    }
}
