package io.artifex.data.toy;

import io.artifex.core.random.Rng;
import java.util.SplittableRandom;

/**
 * The 2-D swiss roll used by FFJORD: {@code t = 1.5 pi (1 + 2u)}, {@code u ~ U[0, 1)}, point
 * {@code (t cos t, t sin t) / 5} plus isotropic Gaussian noise of standard deviation
 * {@code noise} (default 0.2, which is scikit-learn's noise 1.0 after the division by 5).
 * No closed-form density.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class SwissRoll implements ToyDistribution {

    private final double noise;

    /** The default, noise 0.2. */
    public SwissRoll() {
        this(0.2);
    }

    /** A roll with Gaussian noise of standard deviation {@code noise} (>= 0). */
    public SwissRoll(double noise) {
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be finite and >= 0, got " + noise);
        }
        this.noise = noise;
    }

    @Override
    public String name() {
        return "swiss-roll";
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
            double t = 1.5 * Math.PI * (1 + 2 * r.nextDouble());
            out[2 * i] = (float) (t * Math.cos(t) / 5 + noise * r.nextGaussian());
            out[2 * i + 1] = (float) (t * Math.sin(t) / 5 + noise * r.nextGaussian());
        }
        return out;
    }
}
