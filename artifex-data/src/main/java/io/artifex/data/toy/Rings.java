package io.artifex.data.toy;

import io.artifex.core.random.Rng;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Concentric circles, defined so that the density is exact: pick ring {@code i} uniformly,
 * an angle {@code theta ~ U[0, 2 pi)} and a signed radius {@code R = r_i + noise * z},
 * {@code z ~ N(0, 1)}; the point is {@code R (cos theta, sin theta)}. The noise is radial (unlike
 * FFJORD's isotropic noise), which gives the closed form
 * {@code p(x) = (1/K) sum_i [phi(|x| - r_i) + phi(|x| + r_i)] / (2 pi |x|)}
 * with {@code phi} the N(0, noise^2) density (infinite only at the origin itself).
 * Default radii 0.75, 1.5, 2.25, 3 and noise 0.08.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class Rings implements ToyDensity {

    private final double[] radii;
    private final double noise;

    /** The default: radii 0.75, 1.5, 2.25, 3.0 and radial noise 0.08. */
    public Rings() {
        this(new double[] {0.75, 1.5, 2.25, 3.0}, 0.08);
    }

    /** Rings of the given radii (each >= 0) with radial Gaussian noise of standard deviation {@code noise} (> 0). */
    public Rings(double[] radii, double noise) {
        if (radii == null || radii.length == 0) {
            throw new IllegalArgumentException("radii must hold at least one radius");
        }
        for (double r : radii) {
            if (!(r >= 0) || Double.isInfinite(r)) {
                throw new IllegalArgumentException("radii must be finite and >= 0, got " + Arrays.toString(radii));
            }
        }
        if (!(noise > 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be finite and > 0, got " + noise);
        }
        this.radii = radii.clone();
        this.noise = noise;
    }

    @Override
    public String name() {
        return "rings";
    }

    /** The ring radii (a copy). */
    public double[] radii() {
        return radii.clone();
    }

    /** The radial noise standard deviation. */
    public double noise() {
        return noise;
    }

    @Override
    public float[] sampleHost(int n, Rng rng) {
        ToyDistribution.checkCount(n);
        SplittableRandom r = rng.javaRandom();
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double radius = radii[r.nextInt(radii.length)] + noise * r.nextGaussian();
            double theta = 2 * Math.PI * r.nextDouble();
            out[2 * i] = (float) (radius * Math.cos(theta));
            out[2 * i + 1] = (float) (radius * Math.sin(theta));
        }
        return out;
    }

    @Override
    public double logDensity(double x, double y) {
        double rho = Math.hypot(x, y);
        if (rho == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double inv2var = 1.0 / (2 * noise * noise);
        double[] e = new double[2 * radii.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < radii.length; i++) {
            double a = rho - radii[i];
            double b = rho + radii[i];
            e[2 * i] = -a * a * inv2var;
            e[2 * i + 1] = -b * b * inv2var;
            max = Math.max(max, Math.max(e[2 * i], e[2 * i + 1]));
        }
        double sum = 0;
        for (double v : e) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum) - 0.5 * Math.log(2 * Math.PI * noise * noise)
                - Math.log(radii.length) - Math.log(2 * Math.PI * rho);
    }
}
