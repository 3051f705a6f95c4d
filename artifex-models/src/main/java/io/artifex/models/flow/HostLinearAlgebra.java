package io.artifex.models.flow;

import java.util.SplittableRandom;

/**
 * Small dense linear algebra on the host, in double precision, for what the engine lacks
 * (DJL has no determinant): log |det|, inversion, LU without pivoting and random rotations.
 * Matrices are row-major {@code double[n * n]}; sizes here are channel counts (tens).
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class HostLinearAlgebra {

    private HostLinearAlgebra() {
    }

    /** {@code log |det a|} by LU with partial pivoting; {@code -Infinity} for a singular matrix. */
    public static double logAbsDet(double[] a, int n) {
        checkSquare(a, n);
        double[] m = a.clone();
        double logDet = 0;
        for (int k = 0; k < n; k++) {
            int pivot = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(m[i * n + k]) > Math.abs(m[pivot * n + k])) {
                    pivot = i;
                }
            }
            if (m[pivot * n + k] == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            swapRows(m, n, k, pivot);
            double diag = m[k * n + k];
            logDet += Math.log(Math.abs(diag));
            for (int i = k + 1; i < n; i++) {
                double f = m[i * n + k] / diag;
                for (int j = k; j < n; j++) {
                    m[i * n + j] -= f * m[k * n + j];
                }
            }
        }
        return logDet;
    }

    /** The inverse by Gauss-Jordan elimination with partial pivoting. */
    public static double[] inverse(double[] a, int n) {
        checkSquare(a, n);
        double[] m = a.clone();
        double[] inv = identity(n);
        for (int k = 0; k < n; k++) {
            int pivot = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(m[i * n + k]) > Math.abs(m[pivot * n + k])) {
                    pivot = i;
                }
            }
            if (m[pivot * n + k] == 0) {
                throw new IllegalArgumentException("matrix is singular (column " + k + " has no pivot)");
            }
            swapRows(m, n, k, pivot);
            swapRows(inv, n, k, pivot);
            double diag = m[k * n + k];
            for (int j = 0; j < n; j++) {
                m[k * n + j] /= diag;
                inv[k * n + j] /= diag;
            }
            for (int i = 0; i < n; i++) {
                double f = m[i * n + k];
                if (i != k && f != 0) {
                    for (int j = 0; j < n; j++) {
                        m[i * n + j] -= f * m[k * n + j];
                        inv[i * n + j] -= f * inv[k * n + j];
                    }
                }
            }
        }
        return inv;
    }

    /**
     * LU decomposition without pivoting, {@code a = L U} with a unit lower-triangular L:
     * returns {@code {L, U}}. Fails if a leading principal minor is (close to) zero.
     */
    public static double[][] luNoPivot(double[] a, int n) {
        checkSquare(a, n);
        double[] u = a.clone();
        double[] l = identity(n);
        for (int k = 0; k < n; k++) {
            double diag = u[k * n + k];
            if (Math.abs(diag) < 1e-12) {
                throw new IllegalArgumentException("LU without pivoting needs non-zero leading minors; minor " + k
                        + " vanishes");
            }
            for (int i = k + 1; i < n; i++) {
                double f = u[i * n + k] / diag;
                l[i * n + k] = f;
                for (int j = k; j < n; j++) {
                    u[i * n + j] -= f * u[k * n + j];
                }
            }
        }
        return new double[][] {l, u};
    }

    /** A random orthogonal matrix: Gram-Schmidt on Gaussian columns drawn from {@code random}. */
    public static double[] randomOrthogonal(int n, SplittableRandom random) {
        double[] q = new double[n * n];
        for (int attempt = 0; ; attempt++) {
            for (int i = 0; i < q.length; i++) {
                q[i] = nextGaussian(random);
            }
            if (orthonormaliseColumns(q, n)) {
                return q;
            }
            if (attempt > 100) {
                throw new IllegalStateException("could not draw a well-conditioned random matrix of size " + n);
            }
        }
    }

    /** The product {@code a b} of two n x n matrices. */
    public static double[] multiply(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i * n + k];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += aik * b[k * n + j];
                }
            }
        }
        return c;
    }

    private static boolean orthonormaliseColumns(double[] q, int n) {
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < j; p++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += q[i * n + j] * q[i * n + p];
                }
                for (int i = 0; i < n; i++) {
                    q[i * n + j] -= dot * q[i * n + p];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[i * n + j] * q[i * n + j];
            }
            norm = Math.sqrt(norm);
            if (norm < 1e-6) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                q[i * n + j] /= norm;
            }
        }
        return true;
    }

    /** A standard normal draw by the Box-Muller transform (package-private for its distribution test). */
    static double nextGaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double[] identity(int n) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            m[i * n + i] = 1;
        }
        return m;
    }

    private static void swapRows(double[] m, int n, int r1, int r2) {
        if (r1 == r2) {
            return;
        }
        for (int j = 0; j < n; j++) {
            double t = m[r1 * n + j];
            m[r1 * n + j] = m[r2 * n + j];
            m[r2 * n + j] = t;
        }
    }

    private static void checkSquare(double[] a, int n) {
        if (a == null || n <= 0 || a.length != n * n) {
            throw new IllegalArgumentException("expected a " + n + "x" + n + " matrix (" + ((long) n * n)
                    + " values), got " + (a == null ? "null" : a.length + " values"));
        }
    }
}
