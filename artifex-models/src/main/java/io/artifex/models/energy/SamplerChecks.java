package io.artifex.models.energy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Argument checks and small array helpers shared by the samplers. */
final class SamplerChecks {

    private SamplerChecks() {
    }

    static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
        return value;
    }

    static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /** Per-example sum of squares of {@code (N, ...)}: shape {@code (N)}. */
    static NDArray sumSquaresPerExample(NDArray x) {
        return x.square().reshape(x.getShape().get(0), -1).sum(new int[] {1});
    }

    /** {@code accept} {@code (N)} broadcast against {@code like}'s shape {@code (N, ...)}. */
    static NDArray broadcastMask(NDArray accept, NDArray like) {
        long[] shape = new long[like.getShape().dimension()];
        java.util.Arrays.fill(shape, 1L);
        shape[0] = like.getShape().get(0);
        return accept.reshape(shape).broadcast(like.getShape());
    }

    /** The number of true entries of a boolean array. */
    static double count(NDArray mask) {
        return mask.toType(DataType.FLOAT32, false).sum().getFloat();
    }
}
