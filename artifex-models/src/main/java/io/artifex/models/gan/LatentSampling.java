package io.artifex.models.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import java.util.SplittableRandom;

/** Latent-space helpers of the GAN family: the truncated prior and interpolation paths. */
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

    /**
     * {@code steps} latents from {@code z1} to {@code z2} (both included), shape (steps, dim).
     * Linear, or spherical ("slerp", which keeps the norm typical of a Gaussian latent: the
     * straight line's midpoint is shorter than either end).
     *
     * @param z1 start, shape (dim) or (1, dim)
     * @param z2 end, same shape
     */
    public static NDArray path(NDArray z1, NDArray z2, int steps, boolean spherical) {
        if (steps < 2) {
            throw new IllegalArgumentException("interpolation needs at least 2 steps, got " + steps);
        }
        NDArray a = z1.reshape(1, -1);
        NDArray b = z2.reshape(1, -1);
        if (!a.getShape().equals(b.getShape())) {
            throw new IllegalArgumentException("interpolation ends must have the same shape, got " + z1.getShape()
                    + " and " + z2.getShape());
        }
        NDManager manager = a.getManager();
        float[] ts = new float[steps];
        float[] wa = new float[steps];
        float[] wb = new float[steps];
        double omega = 0;
        if (spherical) {
            double cos = a.mul(b).sum().getFloat() / (norm(a) * norm(b) + 1e-12);
            omega = Math.acos(Math.max(-1, Math.min(1, cos)));
        }
        for (int i = 0; i < steps; i++) {
            double t = i / (double) (steps - 1);
            ts[i] = (float) t;
            if (spherical && Math.sin(omega) > 1e-6) {
                wa[i] = (float) (Math.sin((1 - t) * omega) / Math.sin(omega));
                wb[i] = (float) (Math.sin(t * omega) / Math.sin(omega));
            } else {
                wa[i] = (float) (1 - t);
                wb[i] = (float) t;
            }
        }
        NDArray ca = manager.create(wa, new Shape(steps, 1));
        NDArray cb = manager.create(wb, new Shape(steps, 1));
        return a.mul(ca).add(b.mul(cb));
    }

    private static double norm(NDArray x) {
        return Math.sqrt(x.square().sum().getFloat());
    }
}
