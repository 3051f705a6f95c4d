package io.artifex.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The time-conditioned residual block of the DDPM U-Net (benchmark reference network #3).
 * Input {@code NDList(x, temb)} with {@code x (N, cin, H, W)} and {@code temb (N, timeEmbDim)};
 * output {@code (N, cout, H, W)}:
 *
 * <pre>
 *   h = conv1(SiLU(norm1(x)))                       norm1 = GN(groups, cin), conv1 = 3x3 cin->cout
 *   h = h + timeProj(SiLU(temb))[:, :, None, None]  timeProj = Linear(timeEmbDim -> cout)
 *   h = conv2(SiLU(norm2(h)))                       norm2 = GN(groups, cout), conv2 = 3x3 cout->cout
 *   out = h + skip(x)                               skip = 1x1 conv cin->cout if cin != cout, else x
 * </pre>
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class TimeResBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int inChannels;
    private final int outChannels;
    private final int timeEmbDim;
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Linear timeProj;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d skip;

    /**
     * Creates the block.
     *
     * @param inChannels input channels (> 0, divisible by {@code groups})
     * @param outChannels output channels (> 0, divisible by {@code groups})
     * @param timeEmbDim size of the time embedding (> 0)
     * @param groups GroupNorm groups of both norms
     */
    public TimeResBlock(int inChannels, int outChannels, int timeEmbDim, int groups) {
        super(VERSION);
        Checks.positive("inChannels", inChannels);
        Checks.positive("outChannels", outChannels);
        Checks.positive("timeEmbDim", timeEmbDim);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.timeEmbDim = timeEmbDim;
        norm1 = addChildBlock("norm1", new GroupNorm(groups, inChannels));
        conv1 = addChildBlock("conv1", conv3x3(outChannels));
        timeProj = addChildBlock("timeProj", Linear.builder().setUnits(outChannels).build());
        norm2 = addChildBlock("norm2", new GroupNorm(groups, outChannels));
        conv2 = addChildBlock("conv2", conv3x3(outChannels));
        skip = inChannels == outChannels ? null : addChildBlock("skip", Conv2d.builder()
                .setKernelShape(new Shape(1, 1)).setFilters(outChannels).build());
    }

    private static Conv2d conv3x3(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .setFilters(filters).build();
    }

    /** SiLU (swish with beta 1): {@code x * sigmoid(x)}. */
    static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /** Whether the skip path is a 1x1 convolution (true when cin != cout). */
    public boolean hasSkipConvolution() {
        return skip != null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException(
                    "TimeResBlock takes NDList(x, temb), got " + inputs.size() + " arrays");
        }
        NDArray x = inputs.get(0);
        NDArray temb = inputs.get(1);
        long n = x.getShape().get(0);
        NDArray h = norm1.forward(ps, new NDList(x), training).singletonOrThrow();
        h = conv1.forward(ps, new NDList(silu(h)), training).singletonOrThrow();
        NDArray t = timeProj.forward(ps, new NDList(silu(temb)), training).singletonOrThrow();
        h = h.add(t.reshape(n, outChannels, 1, 1));
        h = norm2.forward(ps, new NDList(h), training).singletonOrThrow();
        h = conv2.forward(ps, new NDList(silu(h)), training).singletonOrThrow();
        NDArray residual = skip == null ? x : skip.forward(ps, new NDList(x), training).singletonOrThrow();
        return new NDList(h.add(residual));
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        Checks.nchw("TimeResBlock x (input 0)", inputShapes, inChannels);
        if (inputShapes.length != 2 || inputShapes[1].dimension() != 2
                || inputShapes[1].get(1) != timeEmbDim) {
            throw new IllegalArgumentException("TimeResBlock temb (input 1) must be (N, "
                    + timeEmbDim + "), got " + (inputShapes.length < 2 ? "nothing" : inputShapes[1]));
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape h = new Shape(x.get(0), outChannels, x.get(2), x.get(3));
        norm1.initialize(manager, dataType, x);
        conv1.initialize(manager, dataType, x);
        timeProj.initialize(manager, dataType, inputShapes[1]);
        norm2.initialize(manager, dataType, h);
        conv2.initialize(manager, dataType, h);
        if (skip != null) {
            skip.initialize(manager, dataType, x);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), outChannels, x.get(2), x.get(3))};
    }
}
