package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A causal convolution of Gated PixelCNN's vertical or horizontal stack, with a kernel that
 * holds only the taps it may use (so every stored weight is a used weight), made causal by
 * padding and cropping. With {@code c = kernel / 2}, output (i, j) reads:
 * <ul>
 *   <li>vertical, first layer: input rows i-c..i-1, columns j-c..j+c (kernel c x k);</li>
 *   <li>vertical, later layers: rows i-c..i, columns j-c..j+c (kernel (c+1) x k): the input is
 *       itself a vertical-stack map that depends only on rows above, so the output does too;</li>
 *   <li>horizontal, first layer: row i, columns j-c..j-1 (kernel 1 x c);</li>
 *   <li>horizontal, later layers: row i, columns j-c..j (kernel 1 x (c+1)).</li>
 * </ul>
 */
final class StackConv2d extends AbstractBlock {

    /** Which stack the convolution belongs to. */
    enum Stack { VERTICAL, HORIZONTAL }

    private final int outChannels;
    private final Shape kernelShape;
    private final Shape padding;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param stack vertical or horizontal
     * @param first true for the first layer (reads the raw image: excludes the current row or pixel)
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernel odd kernel size, at least 3
     */
    StackConv2d(Stack stack, boolean first, int inChannels, int outChannels, int kernel) {
        if (kernel < 3 || kernel % 2 == 0) {
            throw new IllegalArgumentException("stack convolution kernel must be odd and >= 3, got " + kernel);
        }
        this.outChannels = outChannels;
        int c = kernel / 2;
        int span = first ? c : c + 1;
        if (stack == Stack.VERTICAL) {
            kernelShape = new Shape(span, kernel);
            padding = new Shape(c, c);
        } else {
            kernelShape = new Shape(1, span);
            padding = new Shape(0, c);
        }
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(outChannels, inChannels).addAll(kernelShape)).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(outChannels)).build());
    }

    /** The kernel's (rows, columns): (c or c+1, k) vertical, (1, c or c+1) horizontal. */
    Shape kernelShape() {
        return kernelShape;
    }

    /** The zero padding (rows, columns) before the convolution; the output then keeps its first H rows and W columns. */
    Shape padding() {
        return padding;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        NDArray y = Conv2d.conv2d(x, w, b, new Shape(1, 1), padding).singletonOrThrow();
        // the padded convolution's output row o (column o) ends at input row o (column o, or o-1 for
        // a first-layer kernel): keeping the first H rows and W columns keeps exactly the causal taps
        return new NDList(y.get(new NDIndex(":, :, :{}, :{}", x.getShape().get(2), x.getShape().get(3))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outChannels, in.get(2), in.get(3))};
    }
}
