package io.artifex.data.toy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A toy distribution with an exact, normalised log-density, for checking a model's likelihood
 * against the truth. Implemented by {@link EightGaussians} (Gaussian mixture),
 * {@link Checkerboard} (uniform on the black squares) and {@link Rings} (mixture of circles
 * with Gaussian radial noise). {@link TwoMoons} and {@link SwissRoll} have none.
 *
 * <p>Thread-safety: implementations need not be thread-safe; use one instance per thread unless an
 * implementation says otherwise.
 */
public interface ToyDensity extends ToyDistribution {

    /** The exact natural log-density at {@code (x, y)}; {@code -Infinity} where the density is zero. */
    double logDensity(double x, double y);

    /** The log-density of each row of {@code points}, shaped {@code (N, 2)}; returns float32 {@code (N)} on the same manager. */
    default NDArray logDensity(NDArray points) {
        Shape s = points.getShape();
        if (s.dimension() != 2 || s.get(1) != 2) {
            throw new IllegalArgumentException("points must be shaped (N, 2), got " + s);
        }
        float[] p = points.toType(DataType.FLOAT32, false).toFloatArray();
        int n = (int) s.get(0);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) logDensity(p[2 * i], p[2 * i + 1]);
        }
        return points.getManager().create(out);
    }
}
