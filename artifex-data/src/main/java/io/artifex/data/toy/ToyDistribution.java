package io.artifex.data.toy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;

/**
 * A 2-D toy distribution for testing generative models. Sampling is host-side and depends only
 * on the {@link Rng} given: the same seed gives the same points. Distributions whose density is
 * known in closed form implement {@link ToyDensity} as well; check with {@code instanceof}.
 *
 * <p>Thread-safety: implementations need not be thread-safe; use one instance per thread unless an
 * implementation says otherwise.
 */
public interface ToyDistribution {

    /** The short name used by configs and the command line, e.g. {@code "eight-gaussians"}. */
    String name();

    /** {@code n} points as a row-major {@code n x 2} array {@code (x0, y0, x1, y1, ...)}. */
    float[] sampleHost(int n, Rng rng);

    /** {@code n} points as a float32 array shaped {@code (n, 2)} on {@code manager}. */
    default NDArray sample(int n, NDManager manager, Rng rng) {
        return manager.create(sampleHost(n, rng), new Shape(n, 2));
    }

    /** Checks a sample count; shared by the implementations. */
    static void checkCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("number of samples must be >= 0, got " + n);
        }
    }
}
