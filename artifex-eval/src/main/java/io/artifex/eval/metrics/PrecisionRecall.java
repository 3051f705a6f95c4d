package io.artifex.eval.metrics;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019). Each set's manifold is the union of
 * balls around its samples whose radius is the distance to the sample's k-th nearest
 * neighbour within the same set (itself excluded). Precision is the fraction of generated
 * samples inside the real manifold (quality); recall is the fraction of real samples inside the
 * generated manifold (coverage). Cost: O(n^2 d) time, O(n) extra memory per set.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class PrecisionRecall {

    /** The default neighbourhood size of the paper. */
    public static final int DEFAULT_K = 3;

    /**
     * Precision and recall.
     *
     * @param precision fraction of generated samples within the real manifold
     * @param recall    fraction of real samples within the generated manifold
     * @param k         the neighbourhood size used
     */
    public record Result(double precision, double recall, int k) {
    }

    private PrecisionRecall() {
    }

    /** Precision and recall with k = 3. */
    public static Result compute(double[][] real, double[][] generated) {
        return compute(real, generated, DEFAULT_K);
    }

    /** Precision and recall with neighbourhood size {@code k}; each set needs more than k samples. */
    public static Result compute(double[][] real, double[][] generated, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        Samples.checkPair(real, "real features", generated, "generated features", k + 1);
        double[] realRadii = kthNeighbourSquaredRadii(real, k);
        double[] generatedRadii = kthNeighbourSquaredRadii(generated, k);
        return new Result(coveredFraction(generated, real, realRadii), coveredFraction(real, generated, generatedRadii), k);
    }

    /** The squared distance from each row to its k-th nearest other row. */
    static double[] kthNeighbourSquaredRadii(double[][] x, int k) {
        double[] radii = new double[x.length];
        double[] nearest = new double[k];
        for (int i = 0; i < x.length; i++) {
            java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
            for (int j = 0; j < x.length; j++) {
                if (j == i) {
                    continue;
                }
                double dist = Samples.squaredDistance(x[i], x[j]);
                if (dist < nearest[k - 1]) {
                    int p = k - 1;
                    while (p > 0 && nearest[p - 1] > dist) {
                        nearest[p] = nearest[p - 1];
                        p--;
                    }
                    nearest[p] = dist;
                }
            }
            radii[i] = nearest[k - 1];
        }
        return radii;
    }

    /** The fraction of {@code queries} within the radius of at least one row of {@code manifold}. */
    static double coveredFraction(double[][] queries, double[][] manifold, double[] squaredRadii) {
        int inside = 0;
        for (double[] q : queries) {
            for (int j = 0; j < manifold.length; j++) {
                if (Samples.squaredDistance(q, manifold[j]) <= squaredRadii[j]) {
                    inside++;
                    break;
                }
            }
        }
        return inside / (double) queries.length;
    }
}
