package io.artifex.eval.metrics;

import java.util.Arrays;

/**
 * How a classifier labels a set of samples: the count and fraction of samples per predicted
 * (most probable) class, and the fraction of samples whose top probability reaches a
 * confidence threshold. For a good MNIST generator one expects every class between about 5 %
 * and 15 % and most samples (e.g. 90 %) classified with probability at least 0.9.
 *
 * <p>Thread-safety: not deeply immutable: it holds the arrays it was given without copying them;
 * safe to read from several threads as long as nobody mutates those arrays.
 *
 * @param counts             samples per predicted class
 * @param fractions          {@code counts / total}
 * @param threshold          the confidence threshold
 * @param confidentFraction  fraction of samples whose top probability is {@code >= threshold}
 * @param total              the number of samples
 */
public record ClassHistogram(int[] counts, double[] fractions, double threshold, double confidentFraction, int total) {

    /** The histogram of {@code probabilities} (rows sum to 1) with confidence {@code threshold} in (0, 1]. */
    public static ClassHistogram of(double[][] probabilities, double threshold) {
        int classes = ClassifierScore.checkProbabilities(probabilities, "probabilities");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        }
        int[] counts = new int[classes];
        int confident = 0;
        for (double[] row : probabilities) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (row[c] > row[best]) {
                    best = c;
                }
            }
            counts[best]++;
            if (row[best] >= threshold) {
                confident++;
            }
        }
        int n = probabilities.length;
        double[] fractions = new double[classes];
        for (int c = 0; c < classes; c++) {
            fractions[c] = counts[c] / (double) n;
        }
        return new ClassHistogram(counts, fractions, threshold, confident / (double) n, n);
    }

    /** The smallest class fraction. */
    public double minFraction() {
        return Arrays.stream(fractions).min().orElse(0);
    }

    /** The largest class fraction. */
    public double maxFraction() {
        return Arrays.stream(fractions).max().orElse(0);
    }

    /** Whether every class fraction lies in {@code [low, high]}. */
    public boolean allClassesWithin(double low, double high) {
        return minFraction() >= low && maxFraction() <= high;
    }

    @Override
    public String toString() {
        return "ClassHistogram[counts=" + Arrays.toString(counts) + ", confident(>=" + threshold + ")="
                + String.format("%.3f", confidentFraction) + ", n=" + total + "]";
    }
}
