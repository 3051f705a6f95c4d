package io.artifex.models.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import java.util.SplittableRandom;

/**
 * Latent-space helpers of the GAN family: the truncated prior (interpolation paths are core's {@code LatentPath}).
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class LatentSampling {

    private LatentSampling() {
    }

    /**
     * {@code (n, dim)} draws of N(0, 1) conditioned on {@code |z| <= truncation}, by redrawing
     * each coordinate until it falls inside (exact rejection sampling, on the host).
     *
     * @throws IllegalArgumentException if {@code truncation} is not a positive finite number
     */
    public static NDArray truncatedNormal(int n, int dim, double truncation, NDManager manager, Rng rng) {
        if (!(truncation > 0) || Double.isInfinite(truncation)) {
            throw new IllegalArgumentException("truncation must be a positive finite number, got " + truncation);
        }
        if (n <= 0 || dim <= 0) {
            throw new IllegalArgumentException("truncatedNormal needs n > 0 and dim > 0, got " + n + " and " + dim);
        }
        SplittableRandom random = rng.javaRandom();
        float[] values = new float[n * dim];
        for (int i = 0; i < values.length; i++) {
            double z;
            do {
                z = random.nextGaussian();
            } while (Math.abs(z) > truncation);
            values[i] = (float) z;
        }
        return manager.create(values, new Shape(n, dim));
    }
}
