package io.artifex.data.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import org.junit.jupiter.api.Test;

class EightGaussiansTest {

    /** Midpoint-rule integral of the density over [-lim, lim]^2. */
    static double integrate(ToyDensity d, double lim, double h) {
        int n = (int) Math.round(2 * lim / h);
        double total = 0;
        for (int i = 0; i < n; i++) {
            double x = -lim + (i + 0.5) * h;
            for (int j = 0; j < n; j++) {
                total += Math.exp(d.logDensity(x, -lim + (j + 0.5) * h));
            }
        }
        return total * h * h;
    }

    @Test
    void densityIntegratesToOne() {
        assertThat(integrate(new EightGaussians(), 2.5, 0.004)).isCloseTo(1.0, within(1e-4));
        assertThat(integrate(new EightGaussians(5, 1.5, 0.3), 4.0, 0.02)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void densityAtACentreMatchesTheClosedForm() {
        EightGaussians g = new EightGaussians();
        // at a centre the own mode dominates: log(1/8 * 1/(2 pi s^2)); the other modes are > 1 apart
        double expected = Math.log(1.0 / 8 / (2 * Math.PI * 0.02 * 0.02));
        assertThat(g.logDensity(2, 0)).isCloseTo(expected, within(1e-9));
        assertThat(g.logDensity(0, 0)).isLessThan(-1000);
    }

    @Test
    void centresAreEvenlySpacedOnTheCircle() {
        double[][] c = new EightGaussians().centres();
        assertThat(c).hasNumberOfRows(8);
        assertThat(c[0]).containsExactly(new double[] {2, 0}, within(1e-12));
        assertThat(c[2]).containsExactly(new double[] {0, 2}, within(1e-12));
        assertThat(c[5]).containsExactly(new double[] {-Math.sqrt(2), -Math.sqrt(2)}, within(1e-12));
    }

    @Test
    void sampleMomentsMatchTheMixtureMoments() {
        EightGaussians g = new EightGaussians(5, 1.5, 0.3);
        int n = 200_000;
        float[] s = g.sampleHost(n, new Rng(42));
        double[][] c = g.centres();
        double[] mu = new double[2];
        double[][] cov = new double[2][2];
        for (double[] ck : c) {
            mu[0] += ck[0] / c.length;
            mu[1] += ck[1] / c.length;
        }
        for (double[] ck : c) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    cov[a][b] += ck[a] * ck[b] / c.length;
                }
            }
        }
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                cov[a][b] += (a == b ? 0.09 : 0) - mu[a] * mu[b];
            }
        }
        double[] m = new double[2];
        for (int i = 0; i < n; i++) {
            m[0] += s[2 * i] / (double) n;
            m[1] += s[2 * i + 1] / (double) n;
        }
        double[][] sc = new double[2][2];
        for (int i = 0; i < n; i++) {
            double[] d = {s[2 * i] - m[0], s[2 * i + 1] - m[1]};
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    sc[a][b] += d[a] * d[b] / n;
                }
            }
        }
        double seMean = Math.sqrt(cov[0][0] / n);
        assertThat(m[0]).isCloseTo(mu[0], within(5 * seMean));
        assertThat(m[1]).isCloseTo(mu[1], within(5 * seMean));
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                assertThat(sc[a][b]).as("cov[%d][%d]", a, b).isCloseTo(cov[a][b], within(0.02));
            }
        }
        // default: covariance (std^2 + r^2/2) I
        float[] d = new EightGaussians().sampleHost(n, new Rng(1));
        double vx = 0;
        for (int i = 0; i < n; i++) {
            vx += d[2 * i] * d[2 * i] / (double) n;
        }
        assertThat(vx).isCloseTo(0.0004 + 2.0, within(0.02));
    }

    @Test
    void everyModeGetsAboutAnEighthOfTheSamples() {
        EightGaussians g = new EightGaussians();
        int n = 16_000;
        float[] s = g.sampleHost(n, new Rng(3));
        int[] counts = new int[8];
        for (int i = 0; i < n; i++) {
            double angle = Math.atan2(s[2 * i + 1], s[2 * i]);
            counts[Math.floorMod((int) Math.round(angle / (Math.PI / 4)), 8)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(2000 - 250, 2000 + 250);
        }
    }

    @Test
    void samplingIsDeterministicPerSeedAndNdArrayMatchesHost() {
        EightGaussians g = new EightGaussians();
        assertThat(g.sampleHost(100, new Rng(5))).containsExactly(g.sampleHost(100, new Rng(5)));
        assertThat(g.sampleHost(100, new Rng(5))).isNotEqualTo(g.sampleHost(100, new Rng(6)));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = g.sample(10, m, new Rng(5));
            assertThat(x.getShape()).isEqualTo(new Shape(10, 2));
            assertThat(x.toFloatArray()).containsExactly(g.sampleHost(10, new Rng(5)));
            float[] lp = g.logDensity(x).toFloatArray();
            float[] host = g.sampleHost(10, new Rng(5));
            for (int i = 0; i < 10; i++) {
                assertThat(lp[i]).isCloseTo((float) g.logDensity(host[2 * i], host[2 * i + 1]), within(1e-4f));
            }
        }
    }

    @Test
    void badParametersAreRejected() {
        assertThatThrownBy(() -> new EightGaussians(8, 2, 0)).hasMessageContaining("std must be");
        assertThatThrownBy(() -> new EightGaussians(0, 2, 1)).hasMessageContaining("modes must be >= 1");
        assertThatThrownBy(() -> new EightGaussians().sampleHost(-1, new Rng(0))).hasMessageContaining("got -1");
    }
}
