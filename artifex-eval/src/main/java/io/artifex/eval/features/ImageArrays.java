package io.artifex.eval.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.data.ImageDataset;

/**
 * Conversions between image containers and host float arrays in [0, 1] (NCHW order).
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class ImageArrays {

    private ImageArrays() {
    }

    /** Images {@code [from, to)} of a data set as floats in [0, 1] (raw byte / 255). */
    public static float[] toUnitFloats(ImageDataset data, int from, int to) {
        if (from < 0 || to > data.size() || from > to) {
            throw new IllegalArgumentException(data.name() + ": range [" + from + ", " + to + ") is outside [0, "
                    + data.size() + "]");
        }
        int per = data.exampleSize();
        float[] out = new float[(to - from) * per];
        for (int i = from; i < to; i++) {
            data.copyExample(i, out, (i - from) * per);
        }
        for (int k = 0; k < out.length; k++) {
            out[k] /= 255f;
        }
        return out;
    }

    /** All images of a data set as floats in [0, 1]. */
    public static float[] toUnitFloats(ImageDataset data) {
        return toUnitFloats(data, 0, data.size());
    }

    /** The labels of a data set. */
    public static int[] labels(ImageDataset data) {
        int[] labels = new int[data.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.label(i);
        }
        return labels;
    }

    /**
     * The values of an image array shaped {@code (N, 1, 28, 28)}, {@code (N, 28, 28)} or
     * {@code (N, 784)}, as float32 on the host; {@code argument} names it in errors.
     */
    static float[] hostImages(NDArray images, String argument) {
        if (images == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
        Shape shape = images.getShape();
        long per = FeatureNetwork.IMAGE_SHAPE.size();
        if (shape.dimension() < 2 || shape.size() != shape.get(0) * per) {
            throw new IllegalArgumentException(argument + " must have shape (N, 1, 28, 28), (N, 28, 28) or (N, 784), got "
                    + shape);
        }
        if (images.getDataType() == DataType.FLOAT32) {
            return images.toFloatArray();
        }
        try (NDArray converted = images.toType(DataType.FLOAT32, false)) {
            return converted.toFloatArray();
        }
    }
}
