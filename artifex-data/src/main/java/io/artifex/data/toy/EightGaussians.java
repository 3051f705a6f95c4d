package io.artifex.data.toy;

import io.artifex.core.random.Rng;
import java.util.SplittableRandom;

/**
 * An equal-weight mixture of isotropic Gaussians centred evenly on a circle: by default eight
 * modes on a circle of radius 2 with standard deviation 0.02, mode {@code k} at angle
 * {@code 2 pi k / modes}. Exact density; {@link #centres()} serves mode-coverage metrics.
 * Analytic moments: mean 0 (for at least 2 modes) and covariance
 * {@code (std^2 + radius^2 / 2) I} (for at least 3 modes).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class EightGaussians implements ToyDensity {

    private final int modes;
    private final double radius;
    private final double std;
    private final double[][] centres;

    /** The default: 8 modes, radius 2, std 0.02. */
    public EightGaussians() {
        this(8, 2.0, 0.02);
    }

    /** {@code modes} Gaussians of standard deviation {@code std} on a circle of {@code radius}. */
    public EightGaussians(int modes, double radius, double std) {
        if (modes < 1) {
            throw new IllegalArgumentException("modes must be >= 1, got " + modes);
        }
        if (!(radius >= 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("radius must be finite and >= 0, got " + radius);
        }
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("std must be finite and > 0, got " + std);
        }
        this.modes = modes;
        this.radius = radius;
        this.std = std;
        this.centres = new double[modes][];
        for (int k = 0; k < modes; k++) {
            double a = 2 * Math.PI * k / modes;
            centres[k] = new double[] {radius * Math.cos(a), radius * Math.sin(a)};
        }
    }

    @Override
    public String name() {
        return "eight-gaussians";
    }

    /** The number of modes. */
    public int modes() {
        return modes;
    }

    /** The circle radius. */
    public double radius() {
        return radius;
    }

    /** The standard deviation of each mode. */
    public double std() {
        return std;
    }

    /** The mode centres, {@code modes x 2} (a copy). */
    public double[][] centres() {
        double[][] c = new double[modes][];
        for (int k = 0; k < modes; k++) {
            c[k] = centres[k].clone();
        }
        return c;
    }

    @Override
    public float[] sampleHost(int n, Rng rng) {
        ToyDistribution.checkCount(n);
        SplittableRandom r = rng.javaRandom();
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double[] c = centres[r.nextInt(modes)];
            out[2 * i] = (float) (c[0] + std * r.nextGaussian());
            out[2 * i + 1] = (float) (c[1] + std * r.nextGaussian());
        }
        return out;
    }

    @Override
    public double logDensity(double x, double y) {
        double inv2var = 1.0 / (2 * std * std);
        double max = Double.NEGATIVE_INFINITY;
        double[] e = new double[modes];
        for (int k = 0; k < modes; k++) {
            double dx = x - centres[k][0];
            double dy = y - centres[k][1];
            e[k] = -(dx * dx + dy * dy) * inv2var;
            max = Math.max(max, e[k]);
        }
        double sum = 0;
        for (double v : e) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum) - Math.log(modes) - Math.log(2 * Math.PI * std * std);
    }
}
