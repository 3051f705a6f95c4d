package io.artifex.data.transform;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.artifex.core.nn.Scalars;
import java.util.List;

/**
 * The standard image transforms. All expect raw pixel values in [0, 255] (float32) except
 * {@link #flatten()}, which works on anything, and {@link #compose}.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class Transforms {

    /**
     * The largest uniform offset used by {@link #dequantise()}: {@code 1 - 2^-16}. Float32
     * uniforms can be as large as {@code 1 - 2^-24}, and {@code 255 + (1 - 2^-24)} rounds to 256
     * in float32; capping the offset here keeps every result strictly below {@code (k+1)/256}.
     */
    public static final float MAX_DEQUANT_OFFSET = 1f - 0x1.0p-16f;

    private Transforms() {
    }

    /** Leaves the batch unchanged. */
    public static ImageTransform identity() {
        return (x, rng) -> x;
    }

    /** {@code x / 255}: pixels to [0, 1]. */
    public static ImageTransform scaleTo01() {
        return (x, rng) -> Scalars.div(x.toType(DataType.FLOAT32, false), 255f);
    }

    /** {@code x / 127.5 - 1}: pixels to [-1, 1] (the usual GAN and diffusion range). */
    public static ImageTransform scaleToSymmetric() {
        return (x, rng) -> Scalars.div(x.toType(DataType.FLOAT32, false), 127.5f).sub(1f);
    }

    /**
     * Dynamic binarisation: each value becomes 1 with probability {@code pixel / 255} and 0
     * otherwise, drawn fresh for every call from {@code rng} (so every epoch sees new binary
     * images). Output is float32 {0, 1}.
     */
    public static ImageTransform binarise() {
        return (x, rng) -> {
            NDArray p = Scalars.div(x.toType(DataType.FLOAT32, false), 255f);
            NDArray u = rng.uniform(x.getManager(), 0f, 1f, x.getShape());
            return u.lt(p).toType(DataType.FLOAT32, false);
        };
    }

    /**
     * Uniform dequantisation: {@code (pixel + u) / 256} with {@code u ~ U[0, 1)} from {@code rng},
     * so a pixel {@code k} lands in {@code [k/256, (k+1)/256)}. This turns discrete pixels into a
     * continuous density (for flows and bits/dim); see {@link #MAX_DEQUANT_OFFSET}.
     */
    public static ImageTransform dequantise() {
        return (x, rng) -> {
            NDArray u = rng.uniform(x.getManager(), 0f, 1f, x.getShape()).clip(0f, MAX_DEQUANT_OFFSET);
            return Scalars.div(x.toType(DataType.FLOAT32, false).add(u), 256f);
        };
    }

    /** Flattens every example: {@code (N, ...)} to {@code (N, prod(...))}. */
    public static ImageTransform flatten() {
        return (x, rng) -> x.reshape(x.getShape().get(0), -1);
    }

    /** The transforms applied left to right; an empty list is the identity. */
    public static ImageTransform compose(ImageTransform... transforms) {
        return compose(java.util.Arrays.asList(transforms));
    }

    /** The transforms applied left to right; an empty list is the identity. */
    public static ImageTransform compose(List<ImageTransform> transforms) {
        ImageTransform result = identity();
        for (int i = 0; i < transforms.size(); i++) {
            if (transforms.get(i) == null) {
                throw new IllegalArgumentException("transform " + i + " of compose(...) is null");
            }
            result = result.andThen(transforms.get(i));
        }
        return result;
    }
}
