package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.artifex.core.nn.MaskedConv2d;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-position evaluator of {@link PixelCnnNetwork} (see {@link PixelCache}). At pixel
 * (i, j):
 * <pre>
 *   h = maskA(input window k0 x k0 around (i, j)) [+ class bias]            (n, hidden, 1, 1)
 *   per residual block:
 *     t = ReLU(reduce(ReLU(h)))      written into the block's cache at (i, j)
 *     m = maskB(cache window k x k around (i, j)) [+ class bias]
 *     h = h + expand(ReLU(m))
 * </pre>
 * Only the inputs of the masked convolutions need caches (the 1x1 layers read the same
 * position); each is zero-padded by k / 2 on every side, like the convolution's input. The
 * window holds positions after (i, j) too (not yet written, or not yet drawn), but the mask gives
 * them zero weight. Every pixel of the rows above the first drawn one is evaluated, since the
 * block caches of those rows feed the windows below them.
 */
final class PixelCnnCache extends PixelCache {

    private final int inputKernel;
    private final NDArray inputWeight;
    private final NDArray inputBias;
    private final NDArray inputClassBias;
    private final List<Block> blocks = new ArrayList<>();

    /** One residual block's prepared weights and the cache of its masked convolution's input. */
    private record Block(NDArray reduceWeight, NDArray reduceBias, NDArray maskedWeight, NDArray maskedBias,
                         NDArray classBias, NDArray expandWeight, NDArray expandBias, NDArray cache, int kernel) {
    }

    PixelCnnCache(PixelCnnNetwork network, NDManager parent, int n, int height, int width, float[] canvas,
                  float[] oneHot) {
        this(network, parent, n, height, width, canvas, oneHot, kernelOf(network.inputLayer()) / 2);
    }

    private PixelCnnCache(PixelCnnNetwork network, NDManager parent, int n, int height, int width, float[] canvas,
                          float[] oneHot, int pad) {
        super(network, parent, n, height, width, canvas, pad, pad, pad, pad);
        NDArray labels = oneHot == null ? null : scope.create(oneHot, new Shape(n, oneHot.length / n));
        inputKernel = 2 * pad + 1;
        inputWeight = masked(network.inputLayer());
        inputBias = value(network.inputLayer(), "bias");
        inputClassBias = classBias(network.inputClassBias(), labels);
        for (MaskedResidualBlock block : network.blocks()) {
            int kernel = kernelOf(block.masked());
            int narrow = (int) value(block.reduce(), "weight").getShape().get(0);
            NDArray cache = scope.zeros(new Shape(n, narrow, height + kernel - 1, width + kernel - 1));
            blocks.add(new Block(value(block.reduce(), "weight"), value(block.reduce(), "bias"), masked(block.masked()),
                    value(block.masked(), "bias"), classBias(block.classBias(), labels),
                    value(block.expand(), "weight"), value(block.expand(), "bias"), cache, kernel));
        }
    }

    private static int kernelOf(MaskedConv2d layer) {
        return (int) layer.getParameters().get("weight").getArray().getShape().get(2);
    }

    /** The layer's weight times its mask, as its forward pass computes it (mask first, so it lives on the scope). */
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
    NDArray features(int row, int col, NDManager step) {
        NDArray h = conv(window(input, row, row + inputKernel, col, col + inputKernel, step), inputWeight, inputBias);
        if (inputClassBias != null) {
            h = h.add(inputClassBias);
        }
        for (Block block : blocks) {
            NDArray t = Activation.relu(conv(Activation.relu(h), block.reduceWeight(), block.reduceBias()));
            int pad = block.kernel() / 2;
            put(block.cache(), row + pad, col + pad, t);
            NDArray m = conv(window(block.cache(), row, row + block.kernel(), col, col + block.kernel(), step),
                    block.maskedWeight(), block.maskedBias());
            if (block.classBias() != null) {
                m = m.add(block.classBias());
            }
            h = h.add(conv(Activation.relu(m), block.expandWeight(), block.expandBias()));
        }
        return h;
    }
}
