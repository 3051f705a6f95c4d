package io.artifex.data.toy;

import io.artifex.core.random.Rng;
import java.util.SplittableRandom;

/**
 * Two interleaving half circles, as scikit-learn's {@code make_moons}: with probability 1/2 a
 * point on the upper moon {@code (cos t, sin t)}, otherwise on the lower moon
 * {@code (1 - cos t, 0.5 - sin t)}, {@code t ~ U[0, pi]}, plus isotropic Gaussian noise of
 * standard deviation {@code noise} (default 0.1). No closed-form density.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class TwoMoons implements ToyDistribution {

    private final double noise;

    /** The default, noise 0.1. */
    public TwoMoons() {
        this(0.1);
    }

    /** Moons with Gaussian noise of standard deviation {@code noise} (>= 0). */
    public TwoMoons(double noise) {
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be finite and >= 0, got " + noise);
        }
        this.noise = noise;
    }

    @Override
    public String name() {
        return "moons";
    }

    /** The noise standard deviation. */
    public double noise() {
        return noise;
    }

    @Override
    public float[] sampleHost(int n, Rng rng) {
        ToyDistribution.checkCount(n);
        SplittableRandom r = rng.javaRandom();
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double t = Math.PI * r.nextDouble();
            boolean upper = r.nextBoolean();
            double x = upper ? Math.cos(t) : 1 - Math.cos(t);
            double y = upper ? Math.sin(t) : 0.5 - Math.sin(t);
            out[2 * i] = (float) (x + noise * r.nextGaussian());
            out[2 * i + 1] = (float) (y + noise * r.nextGaussian());
        }
        return out;
    }
}
