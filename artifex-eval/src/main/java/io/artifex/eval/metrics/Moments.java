package io.artifex.eval.metrics;

/**
 * The sample mean and the unbiased sample covariance (divisor {@code n - 1}, as
 * {@code numpy.cov} computes it for the published FID code) of a sample matrix.
 *
 * <p>Thread-safety: not deeply immutable: it holds the arrays it was given without copying them;
 * safe to read from several threads as long as nobody mutates those arrays.
 *
 * @param mean       length {@code d}
 * @param covariance {@code d x d}, symmetric
 * @param count      the number of samples
 */
public record Moments(double[] mean, double[][] covariance, int count) {

    /** Computes the moments of {@code x} ({@code n >= 2} rows). */
    public static Moments of(double[][] x) {
        int d = Samples.check(x, "samples", 2);
        int n = x.length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                mean[k] += row[k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        double[][] cov = new double[d][d];
        double[] centred = new double[d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                centred[k] = row[k] - mean[k];
            }
            for (int a = 0; a < d; a++) {
                double ca = centred[a];
                if (ca == 0) {
                    continue;
                }
                double[] line = cov[a];
                for (int b = a; b < d; b++) {
                    line[b] += ca * centred[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= n - 1;
                cov[b][a] = cov[a][b];
            }
        }
        return new Moments(mean, cov, n);
    }
}
