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
 * One layer of Gated PixelCNN (van den Oord et al., 2016, "Conditional Image Generation with
 * PixelCNN Decoders"), with {@code p} channels per stack:
 * <pre>
 *   vPre = vConv(v) [+ classBias_v(y)]                 (2p channels)
 *   v'   = tanh(vPre[:p]) * sigmoid(vPre[p:])
 *   hPre = hConv(h) + Conv1x1(vPre) [+ classBias_h(y)]  (2p channels)
 *   h'   = Conv1x1(tanh(hPre[:p]) * sigmoid(hPre[p:])) [+ h, except in the first layer]
 * </pre>
 * The vertical map at (i, j) depends only on rows above i, so it feeds the horizontal stack
 * without a shift, and it spans the whole width of its window: no blind spot.
 *
 * <p>Inputs: {@code v, h} and, when conditional, one-hot labels; outputs {@code v', h'}.
 */
final class GatedLayer extends AbstractBlock {

    private final boolean first;
    private final int p;
    private final StackConv2d vConv;
    private final StackConv2d hConv;
    private final Conv2d link;
    private final Conv2d hOut;
    private final ClassBias vBias;
    private final ClassBias hBias;

    GatedLayer(boolean first, int inChannels, int p, int kernel, int numClasses) {
        this.first = first;
        this.p = p;
        vConv = addChildBlock("vertical", new StackConv2d(StackConv2d.Stack.VERTICAL, first, inChannels, 2 * p, kernel));
        hConv = addChildBlock("horizontal", new StackConv2d(StackConv2d.Stack.HORIZONTAL, first, inChannels, 2 * p, kernel));
        link = addChildBlock("link", PixelNetwork.pointwise(2 * p));
        hOut = addChildBlock("hOut", PixelNetwork.pointwise(p));
        vBias = numClasses > 0 ? addChildBlock("vClassBias", new ClassBias(numClasses, 2 * p)) : null;
        hBias = numClasses > 0 ? addChildBlock("hClassBias", new ClassBias(numClasses, 2 * p)) : null;
    }

    /** Whether this is the first layer (reads the image; no residual connection). */
    boolean isFirst() {
        return first;
    }

    /** The vertical stack's convolution. */
    StackConv2d vertical() {
        return vConv;
    }

    /** The horizontal stack's convolution. */
    StackConv2d horizontal() {
        return hConv;
    }

    /** The 1x1 convolution from the vertical pre-activation into the horizontal one. */
    Conv2d link() {
        return link;
    }

    /** The horizontal stack's output 1x1 convolution. */
    Conv2d hOut() {
        return hOut;
    }

    /** The vertical stack's per-class bias; null when unconditional. */
    ClassBias vBias() {
        return vBias;
    }

    /** The horizontal stack's per-class bias; null when unconditional. */
    ClassBias hBias() {
        return hBias;
    }

    /** {@code tanh(a) * sigmoid(b)} of the two channel halves {@code a, b} of a pre-activation. */
    static NDArray gate(NDArray preActivation) {
        NDList halves = preActivation.split(2, 1);
        return Activation.tanh(halves.get(0)).mul(Activation.sigmoid(halves.get(1)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray v = inputs.get(0);
        NDArray h = inputs.get(1);
        NDArray oneHot = inputs.size() > 2 ? inputs.get(2) : null;
        NDArray vPre = vConv.forward(store, new NDList(v), training).singletonOrThrow();
        if (vBias != null) {
            vPre = vBias.apply(store, vPre, oneHot, training);
        }
        NDArray hPre = hConv.forward(store, new NDList(h), training).singletonOrThrow()
                .add(link.forward(store, new NDList(vPre), training).singletonOrThrow());
        if (hBias != null) {
            hPre = hBias.apply(store, hPre, oneHot, training);
        }
        NDArray hNew = hOut.forward(store, new NDList(gate(hPre)), training).singletonOrThrow();
        return new NDList(gate(vPre), first ? hNew : h.add(hNew));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape wide = new Shape(in.get(0), 2L * p, in.get(2), in.get(3));
        Shape narrow = new Shape(in.get(0), p, in.get(2), in.get(3));
        vConv.initialize(manager, dataType, in);
        hConv.initialize(manager, dataType, in);
        link.initialize(manager, dataType, wide);
        hOut.initialize(manager, dataType, narrow);
        if (vBias != null) {
            vBias.initialize(manager, dataType, wide, inputShapes[2]);
            hBias.initialize(manager, dataType, wide, inputShapes[2]);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        Shape out = new Shape(in.get(0), p, in.get(2), in.get(3));
        return new Shape[] {out, out};
    }
}
