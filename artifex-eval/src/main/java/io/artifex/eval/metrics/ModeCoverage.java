package io.artifex.eval.metrics;

/**
 * Mode coverage for a mixture with known centres (e.g. the eight-Gaussians toy density):
 * each sample is assigned to its nearest centre and counts for it if it lies within
 * {@code radius} (e.g. 3 standard deviations of a component). A mode is covered when at least
 * {@code minSamples} samples count for it. "High quality" samples are those within the radius
 * of some centre.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class ModeCoverage {

    /**
     * Coverage.
     *
     * @param coveredModes        modes with at least {@code minSamples} samples within the radius
     * @param totalModes          the number of centres
     * @param countsPerMode       samples within the radius, per centre (nearest centre only)
     * @param highQualityFraction fraction of samples within the radius of some centre
     * @param minSamples          the threshold used
     */
    public record Result(int coveredModes, int totalModes, int[] countsPerMode, double highQualityFraction,
                         int minSamples) {
    }

    private ModeCoverage() {
    }

    /** Coverage with an absolute threshold {@code minSamples >= 1}. */
    public static Result compute(double[][] samples, double[][] centres, double radius, int minSamples) {
        Samples.checkPair(samples, "samples", centres, "centres", 1);
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("radius must be a positive finite number, got " + radius);
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException("minSamples must be >= 1, got " + minSamples);
        }
        double r2 = radius * radius;
        int[] counts = new int[centres.length];
        int good = 0;
        for (double[] s : samples) {
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centres.length; c++) {
                double d = Samples.squaredDistance(s, centres[c]);
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
            if (bestD <= r2) {
                counts[best]++;
                good++;
            }
        }
        int covered = 0;
        for (int c : counts) {
            if (c >= minSamples) {
                covered++;
            }
        }
        return new Result(covered, centres.length, counts, good / (double) samples.length, minSamples);
    }

    /**
     * Coverage where a mode needs at least {@code minFraction} (in (0, 1]) of the samples,
     * i.e. {@code minSamples = max(1, ceil(minFraction * n))}.
     */
    public static Result computeWithFraction(double[][] samples, double[][] centres, double radius, double minFraction) {
        if (!(minFraction > 0 && minFraction <= 1)) {
            throw new IllegalArgumentException("minFraction must be in (0, 1], got " + minFraction);
        }
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        int minSamples = Math.max(1, (int) Math.ceil(minFraction * samples.length));
        return compute(samples, centres, radius, minSamples);
    }
}
