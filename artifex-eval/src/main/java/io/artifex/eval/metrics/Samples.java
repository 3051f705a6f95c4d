package io.artifex.eval.metrics;

/**
 * Checks and small helpers for sample matrices: {@code double[n][d]}, one row per sample, all
 * rows of the same length, every value finite.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class Samples {

    private Samples() {
    }

    /**
     * Checks that {@code x} has at least {@code minRows} rows of equal, positive length with
     * finite values, and returns the row length; {@code argument} names it in errors.
     */
    public static int check(double[][] x, String argument, int minRows) {
        if (x == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
        if (x.length < minRows) {
            throw new IllegalArgumentException(argument + " needs at least " + minRows + " samples, got " + x.length);
        }
        if (x.length == 0) {
            return 0;
        }
        if (x[0] == null || x[0].length == 0) {
            throw new IllegalArgumentException(argument + ": sample 0 is empty");
        }
        int d = x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new IllegalArgumentException(argument + ": sample " + i + " has "
                        + (x[i] == null ? "no values" : x[i].length + " values") + ", expected " + d);
            }
            for (int k = 0; k < d; k++) {
                if (!Double.isFinite(x[i][k])) {
                    throw new IllegalArgumentException(argument + ": sample " + i + " has a non-finite value "
                            + x[i][k] + " at index " + k);
                }
            }
        }
        return d;
    }

    /** Checks both sample sets and that their dimensions agree; returns the dimension. */
    public static int checkPair(double[][] a, String nameA, double[][] b, String nameB, int minRows) {
        int da = check(a, nameA, minRows);
        int db = check(b, nameB, minRows);
        if (da != db) {
            throw new IllegalArgumentException(nameA + " has dimension " + da + " but " + nameB + " has " + db);
        }
        return da;
    }

    /** Widens float rows (as a feature extractor returns them) to doubles. */
    public static double[][] toDouble(float[][] x) {
        if (x == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[x[i].length];
            for (int k = 0; k < x[i].length; k++) {
                out[i][k] = x[i][k];
            }
        }
        return out;
    }

    /** The squared Euclidean distance between two rows. */
    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double t = a[k] - b[k];
            s += t * t;
        }
        return s;
    }

    /** The dot product of two rows. */
    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    /** The rows of {@code x} at {@code indices}. */
    static double[][] rows(double[][] x, int[] indices) {
        double[][] out = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = x[indices[i]];
        }
        return out;
    }
}
