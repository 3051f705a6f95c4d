package io.artifex.training.internal;

import ai.djl.ndarray.NDArray;

/** Copies one array's values into another in place (no graph, exact, NaN-safe). */
public final class ArrayCopy {

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
        target.set(source.toByteBuffer());
    }
}
