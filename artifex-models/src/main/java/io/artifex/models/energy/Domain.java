package io.artifex.models.energy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The box {@code [min, max]} every coordinate of a sample lives in, e.g. pixels in
 * {@code [-1, 1]}; {@link #unbounded()} for samplers on all of R^d.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param min lower bound of every coordinate
 * @param max upper bound of every coordinate, greater than {@code min}
 */
public record Domain(double min, double max) {

    /** Checks {@code min < max} and that neither is NaN. */
    public Domain {
        if (Double.isNaN(min) || Double.isNaN(max) || !(min < max)) {
            throw new IllegalArgumentException("domain needs min < max, got [" + min + ", " + max + "]");
        }
    }

    /** No bounds: clamping and the inside test do nothing. */
    public static Domain unbounded() {
        return new Domain(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Whether both bounds are infinite. */
    public boolean isUnbounded() {
        return Double.isInfinite(min) && Double.isInfinite(max);
    }

    /** {@code x} clamped into the box (a new array; {@code x} itself if unbounded). */
    public NDArray clamp(NDArray x) {
        return isUnbounded() ? x : x.clip(min, max);
    }

    /** Per example {@code (N)}: true where every coordinate lies inside the box. */
    public NDArray contains(NDArray x) {
        long n = x.getShape().get(0);
        if (isUnbounded()) {
            return x.getManager().ones(new Shape(n)).toType(DataType.BOOLEAN, false);
        }
        NDArray inside = x.gte(min).logicalAnd(x.lte(max)).reshape(n, -1);
        return inside.toType(DataType.INT32, false).min(new int[] {1}).toType(
                DataType.BOOLEAN, false);
    }
}
