package io.artifex.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The masked convolution of PixelCNN (van den Oord et al., 2016): a stride-1, "same"-padded
 * convolution with an odd square kernel whose taps at and after the centre, in raster order,
 * are zeroed so that output pixel (i, j) sees only input pixels before (i, j).
 *
 * <p>Mask type {@link MaskType#A} also zeroes the centre tap (first layer: a pixel must not
 * see itself); type {@link MaskType#B} keeps it (later layers: the centre feature already
 * depends only on earlier pixels).
 *
 * <p>The masks are <em>spatial only</em>: all input channels of a position are treated as one
 * block, without the per-colour-channel (R, G, B) group masking of the original paper. That is
 * exact for single-channel images (the benchmark's MNIST PixelCNN) and, for multi-channel
 * images, gives an autoregressive model over pixels in which the channels of one pixel are
 * predicted jointly from earlier pixels. The mask is a constant applied to the weight in every
 * forward pass; it is not a parameter, so the full kernel is stored and counted.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class MaskedConv2d extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Which PixelCNN mask to use. */
    public enum MaskType {
        /** Excludes the centre tap: for the first layer, on the raw image. */
        A,
        /** Includes the centre tap: for every later layer. */
        B
    }

    private final MaskType type;
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final float[] mask;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates a masked convolution.
     *
     * @param type mask type A or B
     * @param inChannels input channels (> 0)
     * @param outChannels output channels (> 0)
     * @param kernel odd kernel size (>= 1; type A with kernel 1 would see nothing and is rejected)
     * @param includeBias whether to add a per-channel bias
     */
    public MaskedConv2d(MaskType type, int inChannels, int outChannels, int kernel, boolean includeBias) {
        super(VERSION);
        if (type == null) {
            throw new IllegalArgumentException("MaskedConv2d type must be A or B, got null");
        }
        Checks.positive("inChannels", inChannels);
        Checks.positive("outChannels", outChannels);
        if (kernel <= 0 || kernel % 2 == 0) {
            throw new IllegalArgumentException("MaskedConv2d kernel must be odd and > 0, got " + kernel);
        }
        if (type == MaskType.A && kernel == 1) {
            throw new IllegalArgumentException(
                    "MaskedConv2d kernel must be >= 3 for mask type A (a 1x1 type-A mask is all zero)");
        }
        this.type = type;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.mask = buildMask(type, kernel);
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(outChannels, inChannels, kernel, kernel)).build());
        bias = includeBias
                ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                        .optShape(new Shape(outChannels)).build())
                : null;
    }

    /** A masked convolution with bias. */
    public MaskedConv2d(MaskType type, int inChannels, int outChannels, int kernel) {
        this(type, inChannels, outChannels, kernel, true);
    }

    /**
     * The spatial mask in row-major order ({@code kernel * kernel} values of 0 or 1).
     *
     * @param type mask type
     * @param kernel odd kernel size
     * @return a new array
     */
    public static float[] buildMask(MaskType type, int kernel) {
        float[] m = new float[kernel * kernel];
        int c = kernel / 2;
        for (int r = 0; r < kernel; r++) {
            for (int col = 0; col < kernel; col++) {
                boolean before = r < c || (r == c && col < c);
                boolean centre = r == c && col == c;
                m[r * kernel + col] = before || (centre && type == MaskType.B) ? 1f : 0f;
            }
        }
        return m;
    }

    /**
     * Functional masked convolution: {@code conv2d(input, weight * mask, bias)} with stride 1 and
     * padding {@code kernel / 2}.
     *
     * @param input (N, inChannels, H, W)
     * @param weight (outChannels, inChannels, k, k), k odd
     * @param bias (outChannels) or null
     * @param type mask type
     * @return (N, outChannels, H, W)
     */
    public static NDArray maskedConv2d(NDArray input, NDArray weight, NDArray bias, MaskType type) {
        Shape ws = weight.getShape();
        if (ws.dimension() != 4 || ws.get(2) != ws.get(3) || ws.get(2) % 2 == 0) {
            throw new IllegalArgumentException(
                    "maskedConv2d weight must be (out, in, k, k) with k odd, got " + ws);
        }
        int k = (int) ws.get(2);
        NDArray m = input.getManager().create(buildMask(type, k), new Shape(1, 1, k, k));
        // mask first: the product then belongs to the input's (per-step) manager, not the weight's
        return Conv2d.conv2d(input, m.mul(weight), bias, new Shape(1, 1), new Shape(k / 2, k / 2))
                .singletonOrThrow();
    }

    /** This layer's spatial mask in row-major order, a copy. */
    public float[] mask() {
        return mask.clone();
    }

    /** The mask type. */
    public MaskType getType() {
        return type;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : parameterStore.getValue(bias, x.getDevice(), training);
        NDArray m = x.getManager().create(mask, new Shape(1, 1, kernel, kernel));
        // mask first: the masked weight then belongs to the input's (per-step) manager; w.mul(m)
        // would attach it to the parameters' manager and grow it by one kernel every forward pass
        return new NDList(Conv2d.conv2d(x, m.mul(w), b, new Shape(1, 1),
                new Shape(kernel / 2, kernel / 2)).singletonOrThrow());
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        Checks.nchw("MaskedConv2d input", inputShapes, inChannels);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outChannels, in.get(2), in.get(3))};
    }
}
