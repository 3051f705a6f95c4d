package io.artifex.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention over the spatial positions of a feature map, as in the DDPM U-Net
 * middle block: {@code x + proj(attention(qkv(GroupNorm(x))))}.
 *
 * <ul>
 *   <li>{@code norm}: {@link GroupNorm}(groups, C) with scale and shift;
 *   <li>{@code qkv}: one 1x1 {@link Conv2d} C -> 3C with bias. Output channels {@code [0, C)}
 *       are the queries, {@code [C, 2C)} the keys, {@code [2C, 3C)} the values; within each,
 *       head {@code h} owns channels {@code [h*d, (h+1)*d)} with {@code d = C / numHeads};
 *   <li>per head, scaled dot-product attention over the H*W positions:
 *       {@code softmax(q^T k / sqrt(d))} applied to {@code v};
 *   <li>{@code proj}: 1x1 Conv2d C -> C with bias, then the residual add of the input.
 * </ul>
 *
 * <p>Parameters: {@code 2C + (3C*C + 3C) + (C*C + C)}; 66,304 for C = 128. Child blocks are
 * named {@code norm}, {@code qkv}, {@code proj}; DJL prefixes parameter names with the child
 * index, e.g. {@code 01norm_gamma}, {@code 02qkv_weight}.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class SelfAttention2d extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final int numHeads;
    private final GroupNorm norm;
    private final Conv2d qkv;
    private final Conv2d proj;

    /**
     * Creates the block.
     *
     * @param channels feature channels C (> 0, divisible by {@code numHeads} and {@code groups})
     * @param numHeads number of attention heads
     * @param groups GroupNorm groups
     */
    public SelfAttention2d(int channels, int numHeads, int groups) {
        super(VERSION);
        Checks.positive("channels", channels);
        Checks.positive("numHeads", numHeads);
        if (channels % numHeads != 0) {
            throw new IllegalArgumentException("SelfAttention2d channels (" + channels
                    + ") must be divisible by numHeads (" + numHeads + ")");
        }
        this.channels = channels;
        this.numHeads = numHeads;
        norm = addChildBlock("norm", new GroupNorm(groups, channels));
        qkv = addChildBlock("qkv", Conv2d.builder().setKernelShape(new Shape(1, 1))
                .setFilters(3 * channels).build());
        proj = addChildBlock("proj", Conv2d.builder().setKernelShape(new Shape(1, 1))
                .setFilters(channels).build());
    }

    /** The number of channels C. */
    public int getChannels() {
        return channels;
    }

    /** The number of heads. */
    public int getNumHeads() {
        return numHeads;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != channels) {
            throw new IllegalArgumentException(
                    "SelfAttention2d input must be (N, " + channels + ", H, W), got " + s);
        }
        long n = s.get(0);
        long positions = s.get(2) * s.get(3);
        long d = channels / numHeads;
        NDArray h = norm.forward(parameterStore, new NDList(x), training).singletonOrThrow();
        NDArray qkvOut = qkv.forward(parameterStore, new NDList(h), training).singletonOrThrow()
                .reshape(n, 3, numHeads, d, positions);
        NDArray q = Scalars.mul(qkvOut.get(":, 0"), (float) (1.0 / Math.sqrt(d))); // (n, heads, d, L)
        NDArray k = qkvOut.get(":, 1");
        NDArray v = qkvOut.get(":, 2");
        NDArray attn = q.transpose(0, 1, 3, 2).matMul(k).softmax(-1); // (n, heads, L_query, L_key)
        NDArray out = v.matMul(attn.transpose(0, 1, 3, 2)).reshape(s); // (n, heads, d, L_query)
        NDArray y = proj.forward(parameterStore, new NDList(out), training).singletonOrThrow();
        return new NDList(y.add(x));
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        Checks.nchw("SelfAttention2d input", inputShapes, channels);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, inputShapes[0]);
        qkv.initialize(manager, dataType, inputShapes[0]);
        proj.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
