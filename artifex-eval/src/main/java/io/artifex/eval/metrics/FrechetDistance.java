package io.artifex.eval.metrics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The Fréchet distance between two Gaussians fitted to two feature sets (the formula of FID,
 * Heusel et al. 2017):
 * {@code d^2 = |mu1 - mu2|^2 + tr(S1) + tr(S2) - 2 tr sqrt(S1^{1/2} S2 S1^{1/2})}.
 *
 * <p>The trace term uses only symmetric eigendecompositions: {@code S1^{1/2}} from the
 * eigendecomposition of {@code S1}, then the eigenvalues of the symmetric PSD matrix
 * {@code S1^{1/2} S2 S1^{1/2}}, whose square roots sum to {@code tr sqrt(S1 S2)} (the two
 * products are similar). Rounding can make tiny eigenvalues slightly negative; they are clamped
 * to zero (see {@link SymmetricMatrices}). No unsymmetric matrix square root is ever taken, so
 * no complex parts have to be discarded as in the reference implementation's {@code sqrtm}.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class FrechetDistance {

    private FrechetDistance() {
    }

    /** The squared Fréchet distance between Gaussians fitted to two sample sets (each n >= 2). */
    public static double between(double[][] a, double[][] b) {
        Samples.checkPair(a, "first feature set", b, "second feature set", 2);
        return fromMoments(Moments.of(a), Moments.of(b));
    }

    /** The squared Fréchet distance between two fitted Gaussians. */
    public static double fromMoments(Moments a, Moments b) {
        return fromParameters(a.mean(), a.covariance(), b.mean(), b.covariance());
    }

    /**
     * The squared Fréchet (2-Wasserstein) distance between {@code N(mu1, sigma1)} and
     * {@code N(mu2, sigma2)}; covariances must be symmetric positive semi-definite.
     */
    public static double fromParameters(double[] mu1, double[][] sigma1, double[] mu2, double[][] sigma2) {
        int d = checkGaussian(mu1, sigma1, "first");
        if (checkGaussian(mu2, sigma2, "second") != d) {
            throw new IllegalArgumentException("the two Gaussians have dimensions " + d + " and " + mu2.length);
        }
        double meanTerm = 0;
        double traces = 0;
        for (int k = 0; k < d; k++) {
            double t = mu1[k] - mu2[k];
            meanTerm += t * t;
            traces += sigma1[k][k] + sigma2[k][k];
        }
        double result = meanTerm + traces - 2 * traceSqrtProduct(sigma1, sigma2);
        // the exact value is >= 0; rounding in the trace term can leave a tiny negative residue
        return Math.max(0, result);
    }

    /** {@code tr sqrt(S1^{1/2} S2 S1^{1/2})}, which equals the trace of the principal square root of {@code S1 S2}. */
    public static double traceSqrtProduct(double[][] sigma1, double[][] sigma2) {
        DMatrixRMaj root1 = SymmetricMatrices.sqrt(SymmetricMatrices.of(sigma1), "first covariance");
        DMatrixRMaj s2 = SymmetricMatrices.of(sigma2);
        int d = sigma1.length;
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj inner = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(root1, s2, tmp);
        CommonOps_DDRM.mult(tmp, root1, inner);
        double sum = 0;
        for (double lambda : SymmetricMatrices.psdEigenvalues(inner, "S1^1/2 S2 S1^1/2")) {
            sum += Math.sqrt(lambda);
        }
        return sum;
    }

    private static int checkGaussian(double[] mu, double[][] sigma, String which) {
        if (mu == null || sigma == null || mu.length == 0) {
            throw new IllegalArgumentException(which + " Gaussian: mean and covariance must be non-empty");
        }
        int d = mu.length;
        if (sigma.length != d) {
            throw new IllegalArgumentException(which + " Gaussian: covariance has " + sigma.length + " rows, mean has "
                    + d + " entries");
        }
        for (int i = 0; i < d; i++) {
            if (sigma[i] == null || sigma[i].length != d) {
                throw new IllegalArgumentException(which + " Gaussian: covariance row " + i + " must have " + d + " entries");
            }
            for (int j = 0; j < i; j++) {
                double scale = Math.max(1e-300, Math.abs(sigma[i][j]) + Math.abs(sigma[j][i]));
                if (Math.abs(sigma[i][j] - sigma[j][i]) > 1e-9 * scale) {
                    throw new IllegalArgumentException(which + " Gaussian: covariance is not symmetric at (" + i + ", "
                            + j + "): " + sigma[i][j] + " vs " + sigma[j][i]);
                }
            }
        }
        return d;
    }
}
