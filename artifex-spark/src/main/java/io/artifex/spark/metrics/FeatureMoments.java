package io.artifex.spark.metrics;

import io.artifex.eval.metrics.Moments;
import java.io.Serializable;

/**
 * The running statistics of a set of feature vectors that partitions reduce instead of shipping
 * the features: the count, the mean and the sum of outer products of the centred vectors
 * (the co-moment {@code sum (x - mean)(x - mean)^T}). Vectors are added with Welford's update and
 * two sets are merged with Chan et al.'s pairwise formula, which keeps the precision of a
 * two-pass computation where the raw sums {@code sum x} and {@code sum x x^T} would cancel
 * catastrophically for features with a large mean. Mutable; the dimension is fixed by the first
 * vector.
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class FeatureMoments implements Serializable {

    private static final long serialVersionUID = 1L;

    private long count;
    private double[] mean = new double[0];
    private double[][] comoment = new double[0][0];

    /** An empty set of any dimension. */
    public FeatureMoments() {
    }

    /** The number of vectors added. */
    public long count() {
        return count;
    }

    /** The dimension (0 while empty). */
    public int dimension() {
        return mean.length;
    }

    /** Adds one vector; returns this. */
    public FeatureMoments add(float[] x) {
        double[] v = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            v[k] = x[k];
        }
        return add(v);
    }

    /** Adds one vector; returns this. */
    public FeatureMoments add(double[] x) {
        if (count == 0) {
            mean = new double[x.length];
            comoment = new double[x.length][x.length];
        } else if (x.length != mean.length) {
            throw new IllegalArgumentException("feature vector has " + x.length + " values, earlier ones had "
                    + mean.length);
        }
        count++;
        int d = x.length;
        double[] before = new double[d];
        for (int k = 0; k < d; k++) {
            before[k] = x[k] - mean[k];
            mean[k] += before[k] / count;
        }
        for (int a = 0; a < d; a++) {
            double da = before[a];
            double[] row = comoment[a];
            for (int b = a; b < d; b++) {
                row[b] += da * (x[b] - mean[b]);
            }
        }
        return this;
    }

    /** Merges {@code other} into this (Chan et al.); returns this. {@code other} is not changed. */
    public FeatureMoments merge(FeatureMoments other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            count = other.count;
            mean = other.mean.clone();
            comoment = new double[other.mean.length][];
            for (int a = 0; a < comoment.length; a++) {
                comoment[a] = other.comoment[a].clone();
            }
            return this;
        }
        if (other.mean.length != mean.length) {
            throw new IllegalArgumentException("cannot merge feature moments of dimensions " + mean.length + " and "
                    + other.mean.length);
        }
        int d = mean.length;
        double n = (double) count + other.count;
        double weight = (double) count * other.count / n;
        double[] delta = new double[d];
        for (int k = 0; k < d; k++) {
            delta[k] = other.mean[k] - mean[k];
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                comoment[a][b] += other.comoment[a][b] + delta[a] * delta[b] * weight;
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] += delta[k] * other.count / n;
        }
        count += other.count;
        return this;
    }

    /**
     * The mean and the unbiased covariance (divisor {@code n - 1}), as artifex-eval's
     * {@link Moments#of} gives them for the same vectors.
     *
     * @throws IllegalStateException when fewer than two vectors were added
     */
    public Moments toMoments() {
        if (count < 2) {
            throw new IllegalStateException("feature moments need at least 2 vectors, got " + count);
        }
        if (count > Integer.MAX_VALUE) {
            throw new IllegalStateException("feature moments of " + count + " vectors exceed Moments' int count");
        }
        int d = mean.length;
        double[][] cov = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] = comoment[a][b] / (count - 1);
                cov[b][a] = cov[a][b];
            }
        }
        return new Moments(mean.clone(), cov, (int) count);
    }
}
