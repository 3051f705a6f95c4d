package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.artifex.core.nn.MaskedConv2d;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-position evaluator of {@link PixelCnnNetwork} (see {@link PixelCache}). With
 * {@code c = k / 2} for a k x k masked kernel, the taps of row i's window are the kernel's first
 * c rows (all k columns: rows above, complete when row i begins) and, in its centre row, the
 * columns left of the centre (mask A) or up to it (mask B). At pixel (i, j):
 * <pre>
 *   h = above_A(j) + W_A,row x(i, j-c..j-1)                            mask-A input layer
 *   per residual block:
 *     t = ReLU(reduce(ReLU(h)))                                        kept for the rows below
 *     m = above_B(j) + sum over d = 0..c of W_B,d t(i, j-d)            mask-B layer
 *     h = h + expand(ReLU(m))
 * </pre>
 * where {@code above(j)} is the row's convolution of the rows above with the first c kernel
 * rows, plus the bias and the per-class bias. The input taps come from the canvas; each block
 * keeps its {@code t} of the current row and writes the row into its cache (zero-padded like
 * the convolution's input) when the next row begins. Every pixel of the rows above the first
 * drawn one is evaluated, since their {@code t} feed the rows below.
 */
final class PixelCnnCache extends PixelCache {

    private final int inputReach;
    private final NDArray inputAbove;
    private final NDArray inputRow;
    private final NDArray inputBias;
    private final NDArray inputClassBias;
    private List<NDArray> inputColumns;
    private final List<Block> blocks = new ArrayList<>();

    /** One residual block: its prepared weights, the cache of its masked layer's input, the current row. */
    private static final class Block {
        private NDArray reduceWeight;
        private NDArray reduceBias;
        private NDArray expandWeight;
        private NDArray expandBias;
        private NDArray aboveWeight;
        private NDArray maskedBias;
        private NDArray classBias;
        private int reach;
        private RowConv row;
        /** The masked layer's input {@code t}, zero-padded by {@code reach} rows above and columns either side. */
        private NDArray cache;
        /** {@code t} of the current row's pixels so far, (n, residual) each. */
        private final List<NDArray> values = new ArrayList<>();
    }

    PixelCnnCache(PixelCnnNetwork network, NDManager parent, int n, int height, int width, float[] canvas,
                  float[] oneHot) {
        super(network, parent, n, height, width, canvas);
        NDArray labels = oneHot == null ? null : scope.create(oneHot, new Shape(n, oneHot.length / n));
        MaskedConv2d input = network.inputLayer();
        requireType(input, MaskedConv2d.MaskType.A);
        NDArray masked = masked(input);
        int k = (int) masked.getShape().get(2);
        inputReach = k / 2;
        inputAbove = masked.get(new NDIndex(":, :, 0:{}, :", inputReach));
        inputRow = masked.get(new NDIndex(":, :, {}, 0:{}", inputReach, inputReach))
                .reshape(masked.getShape().get(0), (long) inputChannels * inputReach);
        inputBias = value(input, "bias");
        inputClassBias = classBias(network.inputClassBias(), labels);
        for (MaskedResidualBlock residual : network.blocks()) {
            requireType(residual.masked(), MaskedConv2d.MaskType.B);
            Block block = new Block();
            block.reduceWeight = matrix(residual.reduce());
            block.reduceBias = value(residual.reduce(), "bias");
            block.expandWeight = matrix(residual.expand());
            block.expandBias = value(residual.expand(), "bias");
            NDArray weight = masked(residual.masked());
            int c = (int) weight.getShape().get(2) / 2;
            block.reach = c;
            block.aboveWeight = weight.get(new NDIndex(":, :, 0:{}, :", c));
            NDArray[] taps = new NDArray[c + 1];
            for (int d = 0; d <= c; d++) {
                taps[d] = weight.get(new NDIndex(":, :, {}, {}", c, c - d));
            }
            block.row = new RowConv(this, taps);
            block.maskedBias = value(residual.masked(), "bias");
            block.classBias = classBias(residual.classBias(), labels);
            block.cache = scope.zeros(new Shape(n, weight.getShape().get(1), height + c, width + 2L * c));
            blocks.add(block);
        }
    }

    private static void requireType(MaskedConv2d layer, MaskedConv2d.MaskType type) {
        if (layer.getType() != type) {
            throw new IllegalStateException("PixelCNN cache: expected a mask-" + type + " layer, got mask "
                    + layer.getType());
        }
    }

    /** The layer's weight times its mask, as its forward pass computes it, owned by the scope. */
    private NDArray masked(MaskedConv2d layer) {
        NDArray weight = value(layer, "weight");
        int k = (int) weight.getShape().get(2);
        return scope.create(layer.mask(), new Shape(1, 1, k, k)).mul(weight);
    }

    @Override
    boolean needsEveryPixel() {
        return true;
    }

    @Override
    void prepareRow(int row, NDManager rows) {
        for (Block block : blocks) {
            if (row > 0) {
                if (block.values.size() != width) {
                    throw new IllegalStateException("PixelCNN cache: row " + (row - 1) + " has " + block.values.size()
                            + " of " + width + " pixels evaluated");
                }
                // (n, residual, W) -> cache row (row - 1), at padded row row - 1 + reach
                NDArray done = NDArrays.stack(new NDList(block.values), 2);
                put(block.cache, row - 1L + block.reach, block.reach,
                        done.reshape(n, done.getShape().get(1), 1, width));
            }
            block.values.clear();
        }
        NDArray above = conv(inputRows(row - inputReach, inputReach, inputReach, rows), inputAbove, inputBias);
        if (inputClassBias != null) {
            above = above.add(inputClassBias);
        }
        inputColumns = columns(above);
        for (Block block : blocks) {
            // image rows row - c .. row - 1 sit at padded rows row .. row + c - 1
            NDArray slab = window(block.cache, row, row + block.reach, 0, width + 2L * block.reach, rows);
            NDArray blockAbove = conv(slab, block.aboveWeight, block.maskedBias);
            if (block.classBias != null) {
                blockAbove = blockAbove.add(block.classBias);
            }
            block.row.beginRow(columns(blockAbove));
        }
    }

    @Override
    NDArray featuresAt(int row, int col, NDManager step) {
        NDArray h = linear(inputTaps(row, col, inputReach, step), inputRow, inputColumns.get(col));
        for (Block block : blocks) {
            NDArray t = Activation.relu(linear(Activation.relu(h), block.reduceWeight, block.reduceBias));
            NDArray m = block.row.apply(col, t);
            keepForRow(t);
            block.values.add(t);
            h = h.add(linear(Activation.relu(m), block.expandWeight, block.expandBias));
        }
        return h;
    }
}
