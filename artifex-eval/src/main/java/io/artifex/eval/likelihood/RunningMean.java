package io.artifex.eval.likelihood;

/**
 * Mean, sample standard deviation and standard error of a stream of values (Welford's update).
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class RunningMean {

    private long count;
    private double mean;
    private double m2;

    /** Adds one value; non-finite values are rejected with the name of {@code what}. */
    public void add(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " is not finite: " + value);
        }
        count++;
        double delta = value - mean;
        mean += delta / count;
        m2 += delta * (value - mean);
    }

    /** The number of values. */
    public long count() {
        return count;
    }

    /** The mean (0 when empty). */
    public double mean() {
        return mean;
    }

    /** The sample standard deviation (divisor n - 1; 0 with fewer than two values). */
    public double std() {
        return count > 1 ? Math.sqrt(m2 / (count - 1)) : 0;
    }

    /** The standard error of the mean, {@code std / sqrt(n)}. */
    public double standardError() {
        return count > 1 ? std() / Math.sqrt(count) : 0;
    }
}
