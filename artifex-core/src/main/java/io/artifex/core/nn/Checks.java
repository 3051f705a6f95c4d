package io.artifex.core.nn;

import ai.djl.ndarray.types.Shape;

/** Argument checks shared by the layers of this package; each failure names the argument. */
final class Checks {

    private Checks() {}

    static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    /** A two-element shape (height, width) whose entries are all >= {@code min}. */
    static void pair(String name, Shape shape, long min) {
        if (shape == null || shape.dimension() != 2) {
            throw new IllegalArgumentException(name + " must be a 2-element shape (h, w), got " + shape);
        }
        for (int i = 0; i < 2; i++) {
            if (shape.get(i) < min) {
                throw new IllegalArgumentException(
                        name + " entries must be >= " + min + ", got " + shape);
            }
        }
    }

    /** The first input shape is 4-D (N, C, H, W) with the expected number of channels. */
    static void nchw(String what, Shape[] inputShapes, long channels) {
        if (inputShapes.length == 0 || inputShapes[0].dimension() != 4) {
            throw new IllegalArgumentException(what + " must be 4-D (N, C, H, W), got "
                    + (inputShapes.length == 0 ? "no input" : inputShapes[0]));
        }
        if (inputShapes[0].get(1) != channels) {
            throw new IllegalArgumentException(what + " must have " + channels
                    + " channels (axis 1), got shape " + inputShapes[0]);
        }
    }
}
