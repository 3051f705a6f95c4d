package io.artifex.eval.metrics;

/**
 * The Inception-score formula {@code exp(E_x KL(p(y|x) || p(y)))} (Salimans et al. 2016)
 * applied to a classifier's probabilities, where {@code p(y)} is the mean of {@code p(y|x)}
 * over the samples. It ranges from 1 (every sample gets the same class distribution) to the
 * number of classes (confident predictions spread evenly over all classes). As in the usual
 * protocol the samples are cut into {@code splits} consecutive parts; the result is the mean
 * and the standard deviation of the per-split scores.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class ClassifierScore {

    /**
     * The score.
     *
     * @param mean   the mean over splits
     * @param std    the population standard deviation over splits (0 with one split)
     * @param splits the number of splits
     */
    public record Result(double mean, double std, int splits) {
    }

    private ClassifierScore() {
    }

    /** The score over {@code splits} consecutive parts of {@code probabilities} (rows sum to 1). */
    public static Result compute(double[][] probabilities, int splits) {
        int classes = checkProbabilities(probabilities, "probabilities");
        if (splits < 1 || splits > probabilities.length) {
            throw new IllegalArgumentException("splits must be in 1.." + probabilities.length + ", got " + splits);
        }
        double[] scores = new double[splits];
        int n = probabilities.length;
        for (int s = 0; s < splits; s++) {
            int from = (int) ((long) s * n / splits);
            int to = (int) ((long) (s + 1) * n / splits);
            scores[s] = score(probabilities, from, to, classes);
        }
        double mean = 0;
        for (double v : scores) {
            mean += v;
        }
        mean /= splits;
        double var = 0;
        for (double v : scores) {
            var += (v - mean) * (v - mean);
        }
        return new Result(mean, Math.sqrt(var / splits), splits);
    }

    /** The score of all samples as one split. */
    public static double compute(double[][] probabilities) {
        return compute(probabilities, 1).mean();
    }

    private static double score(double[][] p, int from, int to, int classes) {
        double[] marginal = new double[classes];
        for (int i = from; i < to; i++) {
            for (int c = 0; c < classes; c++) {
                marginal[c] += p[i][c];
            }
        }
        for (int c = 0; c < classes; c++) {
            marginal[c] /= to - from;
        }
        double kl = 0;
        for (int i = from; i < to; i++) {
            for (int c = 0; c < classes; c++) {
                double q = p[i][c];
                if (q > 0) {
                    kl += q * (Math.log(q) - Math.log(marginal[c]));
                }
            }
        }
        return Math.exp(kl / (to - from));
    }

    /** Checks rows of non-negative probabilities summing to 1 (within 1e-3); returns the class count. */
    static int checkProbabilities(double[][] p, String argument) {
        int classes = Samples.check(p, argument, 1);
        for (int i = 0; i < p.length; i++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                if (p[i][c] < 0) {
                    throw new IllegalArgumentException(argument + ": row " + i + " has a negative probability " + p[i][c]);
                }
                sum += p[i][c];
            }
            if (Math.abs(sum - 1) > 1e-3) {
                throw new IllegalArgumentException(argument + ": row " + i + " sums to " + sum + ", expected 1");
            }
        }
        return classes;
    }
}
