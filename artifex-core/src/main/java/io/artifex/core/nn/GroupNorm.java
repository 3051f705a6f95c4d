package io.artifex.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * Group normalization (Wu and He, 2018) over input {@code (N, C, ...)}: the channels are split
 * into {@code groups} contiguous groups, each (sample, group) is normalized to zero mean and
 * unit (biased) variance over its channels and spatial positions, then optionally scaled by a
 * per-channel {@code gamma} (initialized to 1) and shifted by a per-channel {@code beta}
 * (initialized to 0), as in PyTorch's {@code nn.GroupNorm}.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class GroupNorm extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int groups;
    private final int channels;
    private final float eps;
    private final Parameter gamma;
    private final Parameter beta;

    /**
     * Creates a group normalization layer.
     *
     * @param groups number of groups (> 0, must divide {@code channels})
     * @param channels number of channels of the input (axis 1)
     * @param eps added to the variance for numerical stability (> 0)
     * @param affine whether to learn a per-channel scale and shift
     */
    public GroupNorm(int groups, int channels, float eps, boolean affine) {
        super(VERSION);
        Checks.positive("groups", groups);
        Checks.positive("channels", channels);
        if (channels % groups != 0) {
            throw new IllegalArgumentException("GroupNorm channels (" + channels
                    + ") must be divisible by groups (" + groups + ")");
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("GroupNorm eps must be > 0, got " + eps);
        }
        this.groups = groups;
        this.channels = channels;
        this.eps = eps;
        if (affine) {
            gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                    .optShape(new Shape(channels)).build());
            beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                    .optShape(new Shape(channels)).build());
        } else {
            gamma = null;
            beta = null;
        }
    }

    /** GroupNorm with eps 1e-5 and a learned affine transform. */
    public GroupNorm(int groups, int channels) {
        this(groups, channels, 1e-5f, true);
    }

    /**
     * Functional group normalization.
     *
     * @param input (N, C, ...) with C divisible by {@code groups}
     * @param groups number of groups
     * @param gamma per-channel scale (C) or null for none
     * @param beta per-channel shift (C) or null for none
     * @param eps variance epsilon
     * @return the normalized array, same shape as {@code input}
     */
    public static NDArray groupNorm(NDArray input, int groups, NDArray gamma, NDArray beta, float eps) {
        Shape shape = input.getShape();
        if (shape.dimension() < 2) {
            throw new IllegalArgumentException("groupNorm input must be (N, C, ...), got " + shape);
        }
        long c = shape.get(1);
        if (groups <= 0 || c % groups != 0) {
            throw new IllegalArgumentException("groupNorm channels (" + c
                    + ") must be divisible by groups (" + groups + ")");
        }
        NDArray grouped = input.reshape(shape.get(0), groups, -1);
        NDArray centered = grouped.sub(grouped.mean(new int[] {2}, true));
        NDArray variance = centered.square().mean(new int[] {2}, true);
        NDArray out = centered.div(variance.add(eps).sqrt()).reshape(shape);
        long[] broadcast = new long[shape.dimension()];
        Arrays.fill(broadcast, 1);
        broadcast[1] = c;
        Shape channelShape = new Shape(broadcast);
        // a reshaped view belongs to the manager of the array it views (for gamma and beta, the
        // model's), so it would outlive the step; close the handle once used (autograd keeps
        // its own reference)
        if (gamma != null) {
            try (NDArray g = gamma.reshape(channelShape)) {
                out = out.mul(g);
            }
        }
        if (beta != null) {
            try (NDArray b = beta.reshape(channelShape)) {
                out = out.add(b);
            }
        }
        return out;
    }

    /** The number of groups. */
    public int getGroups() {
        return groups;
    }

    /** The number of channels. */
    public int getChannels() {
        return channels;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray g = gamma == null ? null : parameterStore.getValue(gamma, x.getDevice(), training);
        NDArray b = beta == null ? null : parameterStore.getValue(beta, x.getDevice(), training);
        return new NDList(groupNorm(x, groups, g, b, eps));
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        if (inputShapes.length == 0 || inputShapes[0].dimension() < 2
                || inputShapes[0].get(1) != channels) {
            throw new IllegalArgumentException("GroupNorm input must be (N, " + channels
                    + ", ...), got " + (inputShapes.length == 0 ? "no input" : inputShapes[0]));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
