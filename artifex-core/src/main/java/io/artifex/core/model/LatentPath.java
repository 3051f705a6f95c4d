package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Paths between two latent vectors, for interpolation in a {@link LatentGenerator}'s latent space.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class LatentPath {

    private LatentPath() {
    }

    /**
     * {@code steps} latents from {@code z1} to {@code z2} (both included), shape
     * {@code (steps, dim)}, on {@code manager}. Linear, or spherical ("slerp", which keeps the
     * norm typical of a Gaussian latent: the straight line's midpoint is shorter than either
     * end); a spherical path between (anti)parallel ends falls back to the straight line.
     *
     * @param z1 start, shape {@code (dim)} or {@code (1, dim)}
     * @param z2 end, the same shape
     * @throws IllegalArgumentException if {@code steps < 2} or the ends differ in shape
     */
    public static NDArray between(NDArray z1, NDArray z2, int steps, boolean spherical, NDManager manager) {
        if (steps < 2) {
            throw new IllegalArgumentException("interpolation needs at least 2 steps, got " + steps);
        }
        if (z1 == null || z2 == null || !z1.getShape().equals(z2.getShape())
                || z1.getShape().size() != z1.getShape().get(z1.getShape().dimension() - 1)) {
            throw new IllegalArgumentException("interpolation ends must be two vectors (dim) or (1, dim) of the same"
                    + " shape, got " + (z1 == null ? "null" : z1.getShape()) + " and "
                    + (z2 == null ? "null" : z2.getShape()));
        }
        float[] a = z1.toType(DataType.FLOAT32, false).toFloatArray();
        float[] b = z2.toType(DataType.FLOAT32, false).toFloatArray();
        double omega = 0;
        if (spherical) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int i = 0; i < a.length; i++) {
                dot += (double) a[i] * b[i];
                na += (double) a[i] * a[i];
                nb += (double) b[i] * b[i];
            }
            double cos = dot / (Math.sqrt(na) * Math.sqrt(nb) + 1e-12);
            omega = Math.acos(Math.max(-1, Math.min(1, cos)));
        }
        float[] path = new float[steps * a.length];
        for (int s = 0; s < steps; s++) {
            double t = s / (double) (steps - 1);
            double wa = 1 - t;
            double wb = t;
            if (spherical && Math.sin(omega) > 1e-6) {
                wa = Math.sin((1 - t) * omega) / Math.sin(omega);
                wb = Math.sin(t * omega) / Math.sin(omega);
            }
            for (int i = 0; i < a.length; i++) {
                path[s * a.length + i] = (float) (wa * a[i] + wb * b[i]);
            }
        }
        return manager.create(path, new Shape(steps, a.length));
    }
}
