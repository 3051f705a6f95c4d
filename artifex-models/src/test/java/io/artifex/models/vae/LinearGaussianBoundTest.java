package io.artifex.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.artifex.core.config.ActivationType;
import io.artifex.core.model.Batch;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The importance-weighted bound against the closed form of a linear-Gaussian VAE. The decoder
 * is {@code p(x | z, c) = N(W z + b + B c, s^2 I)} with {@code p(z) = N(0, I)}, so
 * {@code log p(x | c) = log N(x; b + B c, W W^T + s^2 I)}, computed here with a plain-Java
 * Cholesky factorisation. The encoder is set to the exact posterior
 * {@code q(z | x, c) = N(S W^T (x - b - B c) / s^2, S)}, {@code S = (I + W^T W / s^2)^-1}
 * (diagonal because W's columns are orthogonal), so every importance weight
 * {@code p(x, z) / q(z | x)} equals {@code p(x)}: the bound equals log p(x) for every k and
 * every draw. The ReLU hidden layers are made linear on the data by a bias of 10 that the next
 * layer subtracts again.
 *
 * <p>Planted bugs this catches: a dropped {@code -log k}, the log-variance term of log q with
 * the wrong sign or factor, {@code exp(logVar)} in place of {@code exp(logVar / 2)} for the
 * posterior's spread, a lost or misplaced chunk when {@code k n} exceeds one chunk of 8,192
 * rows (or noise drawn for the wrong chunk), a loop that runs one empty chunk past k, and a
 * conditional model whose decoder does not see the label.
 */
class LinearGaussianBoundTest {

    private static final int D = 4;
    private static final int L = 2;
    private static final double S = 0.5;
    private static final double SHIFT = 10;
    /** Decoder columns (orthogonal): W = [a (1, 1, 0, 0), c (0, 0, 1, -1)]. */
    private static final double[][] W = {{0.9, 0}, {0.9, 0}, {0, 0.6}, {0, -0.6}};
    private static final double[] B0 = {0.2, -0.1, 0.3, 0.05};
    /** Per-class offsets of the decoder mean (D x classes). */
    private static final double[][] BC = {{0.5, -0.4, 0.0}, {0.0, 0.3, -0.2}, {-0.6, 0.1, 0.4}, {0.2, 0.0, -0.3}};

    private static BaseVae linearGaussianVae(int classes) {
        return linearGaussianVae(classes, 1.0);
    }

    /** As above, with the encoder's variances multiplied by {@code varianceFactor} (1 = exact posterior). */
    private static BaseVae linearGaussianVae(int classes, double varianceFactor) {
        EncoderConfig encoder = EncoderConfig.builder().name("encoder").inputShape(2, 2, 1).latentDim(L)
                .hiddenDims(D + classes).activation(ActivationType.RELU).build();
        DecoderConfig decoder = DecoderConfig.builder().name("decoder").latentDim(L).outputShape(2, 2, 1)
                .hiddenDims(L + classes).activation(ActivationType.RELU).build();
        VaeConfig config = VaeConfig.builder().name("linear-gaussian").encoder(encoder).decoder(decoder)
                .encoderType(EncoderType.DENSE).likelihood(VaeLikelihood.GAUSSIAN).gaussianStd(S)
                .numClasses(classes).build();
        BaseVae vae = (BaseVae) Models.create(config, 0);
        double[] posteriorVar = posteriorVariances();
        // M = S W^T / s^2 (L x D): the posterior mean is M (x - b - B c)
        double[][] m = new double[L][D];
        for (int l = 0; l < L; l++) {
            for (int d = 0; d < D; d++) {
                m[l][d] = posteriorVar[l] * W[d][l] / (S * S);
            }
        }
        int inE = D + classes;
        double[][] encHidden = identity(inE);
        double[] encHiddenBias = filled(inE, SHIFT);
        double[][] encHead = new double[2 * L][inE];
        double[] encHeadBias = new double[2 * L];
        for (int l = 0; l < L; l++) {
            double bias = 0;
            for (int d = 0; d < D; d++) {
                encHead[l][d] = m[l][d];
                bias -= m[l][d] * (SHIFT + B0[d]);
            }
            for (int c = 0; c < classes; c++) {
                double mb = 0;
                for (int d = 0; d < D; d++) {
                    mb += m[l][d] * BC[d][c];
                }
                encHead[l][D + c] = -mb;
                bias += mb * SHIFT;
            }
            encHeadBias[l] = bias;
            encHeadBias[L + l] = Math.log(posteriorVar[l] * varianceFactor);
        }
        int inD = L + classes;
        double[][] decHidden = identity(inD);
        double[] decHiddenBias = filled(inD, SHIFT);
        double[][] decOut = new double[D][inD];
        double[] decOutBias = new double[D];
        for (int d = 0; d < D; d++) {
            double bias = B0[d];
            for (int l = 0; l < L; l++) {
                decOut[d][l] = W[d][l];
                bias -= W[d][l] * SHIFT;
            }
            for (int c = 0; c < classes; c++) {
                decOut[d][L + c] = BC[d][c];
                bias -= BC[d][c] * SHIFT;
            }
            decOutBias[d] = bias;
        }
        List<double[]> values = List.of(flatten(encHidden), encHiddenBias, flatten(encHead), encHeadBias,
                flatten(decHidden), decHiddenBias, flatten(decOut), decOutBias);
        List<Pair<String, Parameter>> parameters = new ArrayList<>();
        vae.network().getParameters().forEach(parameters::add);
        assertThat(parameters).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            NDArray array = parameters.get(i).getValue().getArray();
            float[] v = new float[values.get(i).length];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) values.get(i)[j];
            }
            assertThat(array.size()).as(parameters.get(i).getKey()).isEqualTo(v.length);
            array.set(new NDIndex("..."), vae.manager().create(v, array.getShape()));
        }
        return vae;
    }

    private static double[] posteriorVariances() {
        double[] var = new double[L];
        for (int l = 0; l < L; l++) {
            double wtw = 0;
            for (int d = 0; d < D; d++) {
                wtw += W[d][l] * W[d][l];
            }
            var[l] = 1 / (1 + wtw / (S * S));
        }
        return var;
    }

    /** log N(x; mu, W W^T + s^2 I) through a Cholesky factor, in double precision. */
    private static double logMarginal(double[] x, double[] mu) {
        double[][] cov = new double[D][D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double s = i == j ? S * S : 0;
                for (int l = 0; l < L; l++) {
                    s += W[i][l] * W[j][l];
                }
                cov[i][j] = s;
            }
        }
        double[][] chol = new double[D][D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j <= i; j++) {
                double s = cov[i][j];
                for (int k = 0; k < j; k++) {
                    s -= chol[i][k] * chol[j][k];
                }
                chol[i][j] = i == j ? Math.sqrt(s) : s / chol[j][j];
            }
        }
        double[] y = new double[D];
        double logDet = 0;
        double quad = 0;
        for (int i = 0; i < D; i++) {
            double s = x[i] - mu[i];
            for (int k = 0; k < i; k++) {
                s -= chol[i][k] * y[k];
            }
            y[i] = s / chol[i][i];
            quad += y[i] * y[i];
            logDet += 2 * Math.log(chol[i][i]);
        }
        return -0.5 * (D * Math.log(2 * Math.PI) + logDet + quad);
    }

    private static double[][] identity(int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = 1;
        }
        return a;
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private static double[] flatten(double[][] a) {
        double[] flat = new double[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, flat, i * a[0].length, a[0].length);
        }
        return flat;
    }

    private static double[] decoderMean(int label) {
        double[] mu = B0.clone();
        if (label >= 0) {
            for (int d = 0; d < D; d++) {
                mu[d] += BC[d][label];
            }
        }
        return mu;
    }

    /**
     * k = 1, 3 and 5 on three examples, then k = 5 on 3,000 examples (8192 / 3000 = 2 samples per
     * chunk, so chunks of 2, 2 and 1): every example's bound is its exact log-likelihood.
     */
    @Test
    void boundEqualsTheExactLogLikelihoodForEveryKAndAcrossChunks() {
        try (BaseVae vae = linearGaussianVae(0); NDManager m = NDManager.newBaseManager()) {
            for (int[] nk : new int[][] {{3, 1}, {3, 3}, {3, 5}, {3000, 5}}) {
                int n = nk[0];
                int k = nk[1];
                NDArray x = new Rng(n + k).normal(m, new Shape(n, 1, 2, 2)).mul(1.3f);
                float[] flat = x.toFloatArray();
                float[] bound = vae.logProb(Batch.of(x), k, m, new Rng(7)).toFloatArray();
                assertThat(bound).hasSize(n);
                for (int i = 0; i < n; i++) {
                    double[] xi = {flat[D * i], flat[D * i + 1], flat[D * i + 2], flat[D * i + 3]};
                    assertThat((double) bound[i]).as("n=%d k=%d example %d", n, k, i)
                            .isCloseTo(logMarginal(xi, decoderMean(-1)), within(2e-4));
                }
            }
        }
    }

    /**
     * A conditional VAE's bound is log p(x | c) for the example's own label c; 3,000 examples and
     * k = 4 make two full chunks of 2 samples (the loop must stop exactly at k).
     */
    @Test
    void conditionalBoundEqualsTheExactLogLikelihoodGivenTheLabel() {
        try (BaseVae vae = linearGaussianVae(3); NDManager m = NDManager.newBaseManager()) {
            int n = 3000;
            NDArray x = new Rng(2).normal(m, new Shape(n, 1, 2, 2));
            long[] labels = new long[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (i * 7L) % 3;
            }
            float[] flat = x.toFloatArray();
            float[] bound = vae.logProb(Batch.of(x, m.create(labels)), 4, m, new Rng(9)).toFloatArray();
            assertThat(bound).hasSize(n);
            double labelEffect = 0;
            for (int i = 0; i < n; i++) {
                double[] xi = {flat[D * i], flat[D * i + 1], flat[D * i + 2], flat[D * i + 3]};
                double expected = logMarginal(xi, decoderMean((int) labels[i]));
                assertThat((double) bound[i]).as("example %d label %d", i, labels[i]).isCloseTo(expected, within(2e-4));
                labelEffect += Math.abs(expected - logMarginal(xi, decoderMean((int) (labels[i] + 1) % 3))) / n;
            }
            assertThat(labelEffect).as("mean change of log p(x | c) with another label").isGreaterThan(0.1);
        }
    }
    /**
     * With q wider than the posterior (variances times 1.7) the weights vary with the draws, so
     * the bound is checked against log-weights computed here from the same Gaussian draws: the
     * model draws its noise chunk by chunk (8192 / n samples per chunk, each chunk from the next
     * draw of the Rng), here 3,000 examples and k = 5 in chunks of 2, 2 and 1. The bound is also
     * below log p(x) on average, as Jensen's inequality requires.
     */
    @Test
    void boundOfAMisfitEncoderIsTheLogMeanExpOfHandComputedWeightsDrawnChunkByChunk() {
        double factor = 1.7;
        int n = 3000;
        int k = 5;
        try (BaseVae vae = linearGaussianVae(0, factor); NDManager m = NDManager.newBaseManager()) {
            NDArray x = new Rng(4).normal(m, new Shape(n, 1, 2, 2));
            float[] flat = x.toFloatArray();
            float[] bound = vae.logProb(Batch.of(x), k, m, new Rng(7)).toFloatArray();
            Rng replay = new Rng(7);
            float[][] eps = new float[k][];
            for (int start = 0; start < k; start += 2) {
                int c = Math.min(2, k - start);
                float[] draw = replay.normal(m, new Shape(c, n, L)).toFloatArray();
                for (int j = 0; j < c; j++) {
                    eps[start + j] = java.util.Arrays.copyOfRange(draw, j * n * L, (j + 1) * n * L);
                }
            }
            double[] var = posteriorVariances();
            double gap = 0;
            for (int i = 0; i < n; i++) {
                double[] xi = {flat[D * i], flat[D * i + 1], flat[D * i + 2], flat[D * i + 3]};
                double[] mean = new double[L];
                for (int l = 0; l < L; l++) {
                    for (int d = 0; d < D; d++) {
                        mean[l] += var[l] * W[d][l] / (S * S) * (xi[d] - B0[d]);
                    }
                }
                double[] logW = new double[k];
                for (int j = 0; j < k; j++) {
                    double[] z = new double[L];
                    double logPrior = 0;
                    double logQ = 0;
                    for (int l = 0; l < L; l++) {
                        double sd = Math.sqrt(var[l] * factor);
                        double e = eps[j][i * L + l];
                        z[l] = mean[l] + sd * e;
                        logPrior += -0.5 * z[l] * z[l] - 0.5 * Math.log(2 * Math.PI);
                        logQ += -0.5 * e * e - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
                    }
                    double logLik = 0;
                    for (int d = 0; d < D; d++) {
                        double mu = B0[d] + W[d][0] * z[0] + W[d][1] * z[1];
                        double r = (xi[d] - mu) / S;
                        logLik += -0.5 * r * r - Math.log(S) - 0.5 * Math.log(2 * Math.PI);
                    }
                    logW[j] = logLik + logPrior - logQ;
                }
                double max = java.util.Arrays.stream(logW).max().getAsDouble();
                double sum = 0;
                for (double w : logW) {
                    sum += Math.exp(w - max);
                }
                double expected = max + Math.log(sum / k);
                assertThat((double) bound[i]).as("example %d", i).isCloseTo(expected, within(2e-4));
                gap += (logMarginal(xi, decoderMean(-1)) - bound[i]) / n;
            }
            assertThat(gap).as("mean of log p(x) - bound").isPositive();
        }
    }
}
