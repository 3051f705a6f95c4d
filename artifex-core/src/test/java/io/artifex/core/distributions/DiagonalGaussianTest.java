package io.artifex.core.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.artifex.core.random.Rng;
import org.junit.jupiter.api.Test;

class DiagonalGaussianTest {

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    // two examples, three dimensions each
    private static final double[] M1 = {0.5, -1.0, 2.0, 0.0, 0.3, -0.7};
    private static final double[] LV1 = {0.0, -1.2, 0.8, 1.5, -0.4, 0.1};
    private static final double[] M2 = {-0.2, 0.4, 1.0, 0.5, 0.0, 0.9};
    private static final double[] LV2 = {0.3, 0.2, -0.5, 0.0, 1.1, -0.8};
    private static final Shape SHAPE = new Shape(2, 3);

    private static DiagonalGaussian gaussian(NDManager m, double[] mean, double[] logVar) {
        return new DiagonalGaussian(m.create(mean, SHAPE), m.create(logVar, SHAPE));
    }

    @Test
    void logProbMatchesTheClosedFormAtSeveralPoints() {
        double[][] points = {{0, 0, 0, 0, 0, 0}, {0.5, -1.0, 2.0, 0.0, 0.3, -0.7}, {3, -2, 0.1, -4, 2.5, 1}};
        try (NDManager m = NDManager.newBaseManager()) {
            DiagonalGaussian q = gaussian(m, M1, LV1);
            for (double[] x : points) {
                double[] got = q.logProb(m.create(x, SHAPE)).toDoubleArray();
                double[] std = DiagonalGaussian.standardNormalLogProb(m.create(x, SHAPE)).toDoubleArray();
                for (int n = 0; n < 2; n++) {
                    double expected = 0;
                    double expectedStd = 0;
                    for (int j = 3 * n; j < 3 * n + 3; j++) {
                        double sigma = Math.exp(LV1[j] / 2);
                        double z = (x[j] - M1[j]) / sigma;
                        expected += -0.5 * z * z - Math.log(sigma) - 0.5 * LOG_2PI;
                        expectedStd += -0.5 * x[j] * x[j] - 0.5 * LOG_2PI;
                    }
                    assertThat(got[n]).isCloseTo(expected, within(1e-12));
                    assertThat(std[n]).isCloseTo(expectedStd, within(1e-12));
                }
            }
        }
    }

    @Test
    void klAndEntropyMatchTheClosedForms() {
        try (NDManager m = NDManager.newBaseManager()) {
            DiagonalGaussian q = gaussian(m, M1, LV1);
            DiagonalGaussian p = gaussian(m, M2, LV2);
            double[] kl = q.kl(p).toDoubleArray();
            double[] klStd = q.klToStandardNormal().toDoubleArray();
            double[] klStdViaGeneral = q.kl(gaussian(m, new double[6], new double[6])).toDoubleArray();
            double[] entropy = q.entropy().toDoubleArray();
            for (int n = 0; n < 2; n++) {
                double e1 = 0;
                double e2 = 0;
                double h = 0;
                for (int j = 3 * n; j < 3 * n + 3; j++) {
                    double s1 = Math.exp(LV1[j] / 2);
                    double s2 = Math.exp(LV2[j] / 2);
                    e1 += Math.log(s2 / s1) + (s1 * s1 + (M1[j] - M2[j]) * (M1[j] - M2[j])) / (2 * s2 * s2) - 0.5;
                    e2 += -Math.log(s1) + (s1 * s1 + M1[j] * M1[j]) / 2 - 0.5;
                    h += Math.log(s1 * Math.sqrt(2 * Math.PI * Math.E));
                }
                assertThat(kl[n]).isCloseTo(e1, within(1e-12));
                assertThat(klStd[n]).isCloseTo(e2, within(1e-12));
                assertThat(klStdViaGeneral[n]).isCloseTo(e2, within(1e-12));
                assertThat(entropy[n]).isCloseTo(h, within(1e-12));
            }
            assertThat(q.kl(q).toDoubleArray()).containsExactly(new double[] {0, 0}, within(1e-12));
        }
    }

    @Test
    void klAgreesWithAMonteCarloEstimate() {
        int draws = 100_000;
        try (NDManager m = NDManager.newBaseManager()) {
            Shape big = new Shape(draws, 3);
            NDArray qMean = m.create(new double[] {0.5, -1.0, 2.0}).broadcast(big);
            NDArray qLv = m.create(new double[] {0.0, -1.2, 0.8}).broadcast(big);
            NDArray pMean = m.create(new double[] {-0.2, 0.4, 1.0}).broadcast(big);
            NDArray pLv = m.create(new double[] {0.3, 0.2, -0.5}).broadcast(big);
            DiagonalGaussian q = new DiagonalGaussian(qMean, qLv);
            DiagonalGaussian p = new DiagonalGaussian(pMean, pLv);
            NDArray x = q.sample(new Rng(42));
            double[] ratio = q.logProb(x).sub(p.logProb(x)).toDoubleArray();
            double mean = 0;
            for (double r : ratio) {
                mean += r / draws;
            }
            double var = 0;
            for (double r : ratio) {
                var += (r - mean) * (r - mean) / (draws - 1);
            }
            double standardError = Math.sqrt(var / draws);
            double exact = q.kl(p).toDoubleArray()[0];
            assertThat(standardError).isLessThan(0.02 * exact);
            assertThat(mean).isCloseTo(exact, within(4 * standardError));
        }
    }

    @Test
    void reparameterisedDrawsHaveTheRightMoments() {
        int draws = 100_000;
        double[] mu = {1.5, -2.0};
        double[] sigma = {0.5, 2.0};
        try (NDManager m = NDManager.newBaseManager()) {
            Shape big = new Shape(draws, 2);
            NDArray mean = m.create(new float[] {1.5f, -2.0f}).broadcast(big);
            NDArray logVar = m.create(new float[] {(float) Math.log(0.25), (float) Math.log(4.0)}).broadcast(big);
            float[] x = new DiagonalGaussian(mean, logVar).sample(new Rng(7)).toFloatArray();
            for (int j = 0; j < 2; j++) {
                double s = 0;
                for (int i = 0; i < draws; i++) {
                    s += x[2 * i + j];
                }
                double avg = s / draws;
                double v = 0;
                for (int i = 0; i < draws; i++) {
                    v += (x[2 * i + j] - avg) * (x[2 * i + j] - avg);
                }
                v /= draws - 1;
                double var = sigma[j] * sigma[j];
                assertThat(avg).isCloseTo(mu[j], within(5 * sigma[j] / Math.sqrt(draws)));
                assertThat(v).isCloseTo(var, within(5 * var * Math.sqrt(2.0 / draws)));
            }
        }
    }

    @Test
    void gradientsFlowThroughTheDrawAndDrawsAreSeeded() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mean = m.create(new double[] {0.1, 0.2, 0.3}, new Shape(1, 3));
            NDArray logVar = m.create(new double[] {-1.0, 0.0, 1.0}, new Shape(1, 3));
            mean.setRequiresGradient(true);
            logVar.setRequiresGradient(true);
            DiagonalGaussian q = new DiagonalGaussian(mean, logVar);
            NDArray eps = new Rng(5).normal(m, new Shape(1, 3), DataType.FLOAT64);
            NDArray z;
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                z = q.sample(new Rng(5));
                gc.backward(z.sum());
            }
            double[] e = eps.toDoubleArray();
            double[] lv = {-1.0, 0.0, 1.0};
            double[] zv = z.toDoubleArray();
            double[] gMean = mean.getGradient().toDoubleArray();
            double[] gLv = logVar.getGradient().toDoubleArray();
            for (int j = 0; j < 3; j++) {
                assertThat(zv[j]).isCloseTo(0.1 * (j + 1) + Math.exp(lv[j] / 2) * e[j], within(1e-12));
                assertThat(gMean[j]).isCloseTo(1.0, within(1e-12));
                assertThat(gLv[j]).isCloseTo(0.5 * Math.exp(lv[j] / 2) * e[j], within(1e-12));
            }
        }
    }

    @Test
    void badShapesAreRejected() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new DiagonalGaussian(m.zeros(new Shape(2, 3)), m.zeros(new Shape(3, 2))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logVar");
            DiagonalGaussian q = gaussian(m, M1, LV1);
            assertThatThrownBy(() -> q.logProb(m.zeros(new Shape(2, 4))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must have");
        }
    }
}
