package io.artifex.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.artifex.core.random.Rng;
import io.artifex.data.toy.EightGaussians;
import org.junit.jupiter.api.Test;

class KernelAndManifoldMetricsTest {

    @Test
    void kidEstimatorMatchesBruteForceFormula() {
        double[][] x = Gaussians.standard(7, 3, 0, 1);
        double[][] y = Gaussians.standard(5, 3, 0.7, 2);
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                if (i != j) {
                    xx += Math.pow(dot(x[i], x[j]) / 3 + 1, 3);
                }
            }
            for (double[] yj : y) {
                xy += Math.pow(dot(x[i], yj) / 3 + 1, 3);
            }
        }
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                if (i != j) {
                    yy += Math.pow(dot(y[i], y[j]) / 3 + 1, 3);
                }
            }
        }
        double expected = xx / 42 + yy / 20 - 2 * xy / 35;
        assertThat(KernelInceptionDistance.unbiasedMmdSquared(x, y)).isCloseTo(expected, within(1e-10));
    }

    @Test
    void kidIsUnbiasedForEqualDistributionsAndPositiveForShiftedOnes() {
        int repeats = 20;
        double[] same = new double[repeats];
        double[] shifted = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            double[][] a = Gaussians.standard(200, 16, 0, 100 + r);
            double[][] b = Gaussians.standard(200, 16, 0, 200 + r);
            double[][] c = Gaussians.standard(200, 16, 0.5, 300 + r);
            same[r] = KernelInceptionDistance.compute(a, b, 100, 10, r).mean();
            shifted[r] = KernelInceptionDistance.compute(a, c, 100, 10, r).mean();
        }
        double mean = mean(same);
        double se = std(same) / Math.sqrt(repeats);
        assertThat(Math.abs(mean)).isLessThan(2 * se);
        double shiftedMean = mean(shifted);
        assertThat(shiftedMean).isGreaterThan(10 * std(shifted) / Math.sqrt(repeats));
        assertThat(shiftedMean).isGreaterThan(20 * Math.abs(mean));
        KernelInceptionDistance.Result r = KernelInceptionDistance.compute(Gaussians.standard(200, 16, 0, 1),
                Gaussians.standard(200, 16, 0.5, 2), 100, 10, 7);
        assertThat(r.values()).hasSize(10);
        assertThat(r.standardError()).isGreaterThan(0).isLessThan(r.mean());
    }

    @Test
    void precisionRecallIsOneForASetAgainstItselfHighForTwoDrawsAndZeroForDisjointSets() {
        double[][] a = Gaussians.standard(600, 2, 0, 1);
        PrecisionRecall.Result self = PrecisionRecall.compute(a, a);
        assertThat(self.precision()).isEqualTo(1.0);
        assertThat(self.recall()).isEqualTo(1.0);
        PrecisionRecall.Result draws = PrecisionRecall.compute(a, Gaussians.standard(600, 2, 0, 2));
        assertThat(draws.precision()).isGreaterThan(0.9);
        assertThat(draws.recall()).isGreaterThan(0.9);
        PrecisionRecall.Result disjoint = PrecisionRecall.compute(a, Gaussians.standard(600, 2, 20, 3));
        assertThat(disjoint.precision()).isEqualTo(0.0);
        assertThat(disjoint.recall()).isEqualTo(0.0);
    }

    @Test
    void droppingHalfTheModesKeepsPrecisionButHalvesRecall() {
        EightGaussians mixture = new EightGaussians(8, 2.0, 0.05);
        double[][] real = points(mixture.sampleHost(800, new Rng(1)));
        double[][] generated = points(mixture.sampleHost(1600, new Rng(2)));
        double[][] half = java.util.Arrays.stream(generated).filter(p -> p[1] > 0.5).toArray(double[][]::new);
        PrecisionRecall.Result r = PrecisionRecall.compute(real, half);
        assertThat(r.precision()).isGreaterThan(0.9);
        // 3 of 8 modes have y > 0.5 (angles 45, 90, 135 degrees); the others lie 10 std or more below
        assertThat(r.recall()).isCloseTo(3.0 / 8, within(0.06));
    }

    @Test
    void kthNeighbourRadiiMatchASortedReference() {
        double[][] x = Gaussians.standard(30, 4, 0, 9);
        double[] radii = PrecisionRecall.kthNeighbourSquaredRadii(x, 3);
        for (int i = 0; i < x.length; i++) {
            final int row = i;
            double[] d = java.util.stream.IntStream.range(0, x.length).filter(j -> j != row)
                    .mapToDouble(j -> Samples.squaredDistance(x[row], x[j])).sorted().toArray();
            assertThat(radii[i]).isEqualTo(d[2]);
        }
    }

    @Test
    void mmdPermutationTestSeparatesShiftedGaussiansButNotTwoDraws() {
        // under the null the p-value is uniform (over 40 seed pairs 2 fell below 0.05), so a
        // fixed seed pair is used; seeds (1000, 2000) are one of the typical ones
        double[][] x = Gaussians.standard(200, 2, 0, 1000);
        Mmd.TestResult different = Mmd.permutationTest(x, Gaussians.standard(200, 2, 0.5, 12), 200, 5);
        assertThat(different.pValue()).isLessThan(0.01);
        assertThat(different.mmdSquared()).isGreaterThan(0);
        Mmd.TestResult same = Mmd.permutationTest(x, Gaussians.standard(200, 2, 0, 2000), 200, 0);
        assertThat(same.pValue()).isGreaterThan(0.05);
    }

    @Test
    void mmdEstimatorAndMedianBandwidthMatchBruteForce() {
        double[][] x = Gaussians.standard(6, 2, 0, 21);
        double[][] y = Gaussians.standard(4, 2, 1, 22);
        double sigma = 0.8;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                if (i != j) {
                    xx += Math.exp(-Samples.squaredDistance(x[i], x[j]) / (2 * sigma * sigma));
                }
            }
            for (double[] yj : y) {
                xy += Math.exp(-Samples.squaredDistance(x[i], yj) / (2 * sigma * sigma));
            }
        }
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if (i != j) {
                    yy += Math.exp(-Samples.squaredDistance(y[i], y[j]) / (2 * sigma * sigma));
                }
            }
        }
        assertThat(Mmd.unbiasedSquared(x, y, sigma)).isCloseTo(xx / 30 + yy / 12 - 2 * xy / 24, within(1e-12));
        double[][] line = {{0, 0}, {1, 0}, {3, 0}};
        // pooled distances: 1, 3, 2, (to {6,0}) 6, 5, 3 -> sorted 1 2 3 3 5 6 -> median 3
        assertThat(Mmd.medianBandwidth(line, new double[][] {{6, 0}})).isEqualTo(3.0);
    }

    @Test
    void modeCoverageFindsAllEightModesForRealSamplesAndOneForASingleMode() {
        EightGaussians mixture = new EightGaussians();
        double[][] centres = mixture.centres();
        double radius = 3 * mixture.std();
        ModeCoverage.Result real = ModeCoverage.compute(points(mixture.sampleHost(2000, new Rng(3))), centres, radius, 20);
        assertThat(real.coveredModes()).isEqualTo(8);
        // P(|z| <= 3) for a 2-D standard normal is 1 - exp(-4.5) = 0.989
        assertThat(real.highQualityFraction()).isCloseTo(1 - Math.exp(-4.5), within(0.01));
        double[][] oneMode = Gaussians.draw(500, centres[2], new double[][] {{0.02, 0}, {0, 0.02}}, 4);
        ModeCoverage.Result collapsed = ModeCoverage.computeWithFraction(oneMode, centres, radius, 0.02);
        assertThat(collapsed.coveredModes()).isEqualTo(1);
        assertThat(collapsed.countsPerMode()[2]).isGreaterThan(480);
        ModeCoverage.Result far = ModeCoverage.compute(Gaussians.standard(100, 2, 10, 5), centres, radius, 1);
        assertThat(far.coveredModes()).isZero();
        assertThat(far.highQualityFraction()).isZero();
    }

    @Test
    void classifierScoreAndHistogramFollowTheirDefinitions() {
        double[][] oneHot = new double[100][10];
        for (int i = 0; i < 100; i++) {
            oneHot[i][i % 10] = 1;
        }
        assertThat(ClassifierScore.compute(oneHot)).isCloseTo(10, within(1e-9));
        assertThat(ClassifierScore.compute(oneHot, 5).std()).isCloseTo(0, within(1e-9));
        double[][] same = new double[50][];
        for (int i = 0; i < 50; i++) {
            same[i] = new double[] {0.7, 0.2, 0.1};
        }
        assertThat(ClassifierScore.compute(same)).isCloseTo(1, within(1e-12));
        // two samples: p1 = (0.9, 0.1), p2 = (0.3, 0.7); marginal (0.6, 0.4)
        double[][] two = {{0.9, 0.1}, {0.3, 0.7}};
        double kl1 = 0.9 * Math.log(0.9 / 0.6) + 0.1 * Math.log(0.1 / 0.4);
        double kl2 = 0.3 * Math.log(0.3 / 0.6) + 0.7 * Math.log(0.7 / 0.4);
        assertThat(ClassifierScore.compute(two)).isCloseTo(Math.exp((kl1 + kl2) / 2), within(1e-12));
        ClassHistogram h = ClassHistogram.of(two, 0.8);
        assertThat(h.counts()).containsExactly(1, 1);
        assertThat(h.confidentFraction()).isEqualTo(0.5);
        assertThat(h.allClassesWithin(0.4, 0.6)).isTrue();
    }

    private static double[][] points(float[] xy) {
        double[][] out = new double[xy.length / 2][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[] {xy[2 * i], xy[2 * i + 1]};
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
