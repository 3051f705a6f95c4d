package io.artifex.training.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Copies one array's values into another in place (no graph, exact, NaN-safe).
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class ArrayCopy {

    private static final NDIndex ALL = new NDIndex("...");

    private ArrayCopy() {
    }

    /** Writes {@code source}'s values into {@code target}; {@code what} names the array in errors. */
    public static void copyInto(NDArray source, NDArray target, String what) {
        if (!source.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException(what + ": shape " + source.getShape() + " does not match "
                    + target.getShape());
        }
        if (source.getDataType() != target.getDataType()) {
            throw new IllegalArgumentException(what + ": data type " + source.getDataType() + " does not match "
                    + target.getDataType());
        }
        // an in-place copy into the target's own storage: NDArray.set(Buffer) would instead repoint
        // the tensor at a Java-allocated buffer (other alignment, so other rounding in vector kernels)
        target.set(ALL, source.getDevice().equals(target.getDevice()) ? source : source.toDevice(target.getDevice(), false));
    }
}
