package io.artifex.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;

/**
 * An affine coupling layer on images {@code (N, C, H, W)} with a checkerboard or channel mask
 * ({@link CouplingMask}). A convolutional network, Conv3x3(hidden) ReLU Conv1x1(hidden) ReLU
 * Conv3x3(2 x transformed channels) whose last layer starts at zero (so the layer starts as
 * the identity), reads the kept half and gives {@code s = tanh(raw)} and {@code t} for the
 * transformed half: {@code y = x exp(s) + t} there; {@code log |det| = sum(s)}.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class ConvCoupling extends FlowLayer {

    private final int channels;
    private final CouplingMask mask;
    private final int kept;
    private final int changed;
    private final SequentialBlock net;

    /**
     * @param channels input channels (even for a channel mask)
     * @param mask which half is kept
     * @param hiddenChannels width of the network's hidden convolutions
     */
    public ConvCoupling(int channels, CouplingMask mask, int hiddenChannels) {
        if (channels <= 0 || hiddenChannels <= 0) {
            throw new IllegalArgumentException("coupling channels and hidden channels must be positive, got "
                    + channels + " and " + hiddenChannels);
        }
        if (!mask.isCheckerboard() && channels % 2 != 0) {
            throw new IllegalArgumentException("a channel-masked coupling needs an even channel count, got " + channels);
        }
        this.channels = channels;
        this.mask = mask;
        this.kept = mask.isCheckerboard() ? channels : channels / 2;
        this.changed = mask.isCheckerboard() ? channels : channels / 2;
        Conv2d last = conv(3, 2 * changed);
        last.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        this.net = addChildBlock("net", new SequentialBlock()
                .add(conv(3, hiddenChannels)).add(Activation::relu)
                .add(conv(1, hiddenChannels)).add(Activation::relu)
                .add(last));
    }

    private static Conv2d conv(int kernel, int filters) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(filters).build();
    }

    /** The mask of this layer. */
    public CouplingMask mask() {
        return mask;
    }

    @Override
    public FlowResult transform(ParameterStore parameterStore, NDArray x, boolean training) {
        checkInput(x);
        if (mask.isCheckerboard()) {
            NDArray keep = checkerboard(x);
            NDArray[] st = scaleAndShift(parameterStore, x.mul(keep), training);
            NDArray change = keep.neg().add(1f);
            NDArray s = st[0].mul(change);
            return new FlowResult(x.mul(s.exp()).add(st[1].mul(change)), sumPerExample(s));
        }
        NDList halves = x.split(2, 1);
        NDArray conditioning = mask == CouplingMask.CHANNEL_FIRST ? halves.get(0) : halves.get(1);
        NDArray target = mask == CouplingMask.CHANNEL_FIRST ? halves.get(1) : halves.get(0);
        NDArray[] st = scaleAndShift(parameterStore, conditioning, training);
        NDArray changedHalf = target.mul(st[0].exp()).add(st[1]);
        NDArray y = mask == CouplingMask.CHANNEL_FIRST ? conditioning.concat(changedHalf, 1)
                : changedHalf.concat(conditioning, 1);
        return new FlowResult(y, sumPerExample(st[0]));
    }

    @Override
    public NDArray inverse(ParameterStore parameterStore, NDArray y) {
        checkInput(y);
        if (mask.isCheckerboard()) {
            NDArray keep = checkerboard(y);
            NDArray[] st = scaleAndShift(parameterStore, y.mul(keep), false);
            NDArray change = keep.neg().add(1f);
            return y.sub(st[1].mul(change)).mul(st[0].mul(change).neg().exp());
        }
        NDList halves = y.split(2, 1);
        NDArray conditioning = mask == CouplingMask.CHANNEL_FIRST ? halves.get(0) : halves.get(1);
        NDArray target = mask == CouplingMask.CHANNEL_FIRST ? halves.get(1) : halves.get(0);
        NDArray[] st = scaleAndShift(parameterStore, conditioning, false);
        NDArray restored = target.sub(st[1]).mul(st[0].neg().exp());
        return mask == CouplingMask.CHANNEL_FIRST ? conditioning.concat(restored, 1) : restored.concat(conditioning, 1);
    }

    private NDArray[] scaleAndShift(ParameterStore parameterStore, NDArray conditioning, boolean training) {
        NDArray h = net.forward(parameterStore, new NDList(conditioning), training).singletonOrThrow();
        NDList parts = h.split(2, 1);
        return new NDArray[] {parts.get(0).tanh(), parts.get(1)};
    }

    private NDArray checkerboard(NDArray x) {
        int h = (int) x.getShape().get(2);
        int w = (int) x.getShape().get(3);
        float[] m = new float[h * w];
        int parity = mask == CouplingMask.CHECKERBOARD_EVEN ? 0 : 1;
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                m[i * w + j] = (i + j) % 2 == parity ? 1f : 0f;
            }
        }
        return x.getManager().create(m, new Shape(1, 1, h, w));
    }

    private void checkInput(NDArray x) {
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != channels) {
            throw new IllegalArgumentException("coupling expects (N, " + channels + ", H, W), got " + x.getShape());
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        net.initialize(manager, dataType, new Shape(in.get(0), kept, in.get(2), in.get(3)));
    }
}
