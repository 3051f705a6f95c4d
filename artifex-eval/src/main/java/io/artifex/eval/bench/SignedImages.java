package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.nn.Scalars;

/**
 * Conversion of grey 28x28 images in [-1, 1] (the {@code scale11} data space of DCGAN, DDPM and
 * the EBM) to the [0, 1] range the feature network of {@link SampleMetrics} expects.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class SignedImages {

    private SignedImages() {
    }

    /**
     * {@code clip((x + 1) / 2, 0, 1)} reshaped to {@code (N, 1, 28, 28)}; {@code x} is
     * {@code (N, ...)} with 784 values per image (flat {@code (N, 784)} or {@code (N, 1, 28, 28)}).
     */
    public static NDArray toUnit(NDArray x) {
        if (x == null) {
            throw new IllegalArgumentException("images must not be null");
        }
        Shape shape = x.getShape();
        if (shape.dimension() < 2 || shape.size() != shape.get(0) * 784L) {
            throw new IllegalArgumentException("images must be (N, ...) with 784 values per image (28x28 grey), got " + shape);
        }
        return Scalars.div(x.add(1f), 2f).clip(0f, 1f).reshape(shape.get(0), 1, 28, 28);
    }
}
