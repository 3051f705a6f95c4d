package io.artifex.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    /** For 2x2 PSD M: tr sqrt(M) = sqrt(tr M + 2 sqrt(det M)); here M ~ S1 S2, so tr M = tr(S1 S2), det M = det S1 det S2. */
    private static double handFormula2x2(double[] mu1, double[][] s1, double[] mu2, double[][] s2) {
        double dm = Math.pow(mu1[0] - mu2[0], 2) + Math.pow(mu1[1] - mu2[1], 2);
        double trProduct = s1[0][0] * s2[0][0] + s1[0][1] * s2[1][0] + s1[1][0] * s2[0][1] + s1[1][1] * s2[1][1];
        double det = (s1[0][0] * s1[1][1] - s1[0][1] * s1[1][0]) * (s2[0][0] * s2[1][1] - s2[0][1] * s2[1][0]);
        double trSqrt = Math.sqrt(trProduct + 2 * Math.sqrt(det));
        return dm + s1[0][0] + s1[1][1] + s2[0][0] + s2[1][1] - 2 * trSqrt;
    }

    @Test
    void exactFormulaMatchesHandComputedTwoByTwoWithNonCommutingCovariances() {
        double[] mu1 = {0, 0};
        double[] mu2 = {1, 2};
        double[][] s1 = {{1, 0}, {0, 4}};
        double[][] s2 = {{2, 1}, {1, 2}};
        // S1 S2 = [[2,1],[4,8]] differs from S2 S1 = [[2,4],[1,8]]; tr sqrt = sqrt(10 + 2 sqrt 12)
        double expected = 5 + 5 + 4 - 2 * Math.sqrt(10 + 2 * Math.sqrt(12));
        assertThat(FrechetDistance.fromParameters(mu1, s1, mu2, s2)).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(5.771220, within(1e-6));

        double[][] t1 = {{2, -1}, {-1, 3}};
        double[][] t2 = {{1, 0.5}, {0.5, 2}};
        double[] nu = {0.5, -1};
        assertThat(FrechetDistance.fromParameters(mu1, t1, nu, t2))
                .isCloseTo(handFormula2x2(mu1, t1, nu, t2), within(1e-12));
        assertThat(FrechetDistance.fromParameters(nu, t2, mu1, t1))
                .isCloseTo(handFormula2x2(mu1, t1, nu, t2), within(1e-12));
    }

    @Test
    void diagonalCovariancesReduceToSumOfSquaredStdDifferences() {
        double[] a = {1, 4, 9, 0.25};
        double[] b = {4, 1, 1, 0.25};
        double[][] s1 = new double[4][4];
        double[][] s2 = new double[4][4];
        double expected = 0;
        for (int k = 0; k < 4; k++) {
            s1[k][k] = a[k];
            s2[k][k] = b[k];
            expected += Math.pow(Math.sqrt(a[k]) - Math.sqrt(b[k]), 2);
        }
        assertThat(FrechetDistance.fromParameters(new double[4], s1, new double[4], s2)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void singularCovarianceIsHandledByClampingAndIdenticalGaussiansGiveZero() {
        double[][] rankOne = {{1, 2, 3}, {2, 4, 6}, {3, 6, 9}};
        double[] mu = {1, 2, 3};
        assertThat(FrechetDistance.fromParameters(mu, rankOne, mu, rankOne)).isCloseTo(0, within(1e-9));
        double[][] identity = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        // tr sqrt(S1 S2) with S1 = v v^T, S2 = I: the single eigenvalue |v|^2 = 14, so tr sqrt = sqrt(14)
        assertThat(FrechetDistance.traceSqrtProduct(rankOne, identity)).isCloseTo(Math.sqrt(14), within(1e-9));
    }

    @Test
    void sampleEstimateApproachesClosedFormOfTrueParameters() {
        double[] mu1 = {0, 1, -1};
        double[] mu2 = {0.5, 0, -1};
        double[][] a1 = {{1, 0, 0}, {0.5, 1.2, 0}, {-0.3, 0.2, 0.7}};
        double[][] a2 = {{0.6, 0, 0}, {-0.4, 0.9, 0}, {0.8, 0.1, 1.5}};
        double exact = FrechetDistance.fromParameters(mu1, Gaussians.covariance(a1), mu2, Gaussians.covariance(a2));
        double estimate = FrechetDistance.between(Gaussians.draw(40_000, mu1, a1, 1), Gaussians.draw(40_000, mu2, a2, 2));
        assertThat(exact).isGreaterThan(1.0);
        assertThat(estimate).isCloseTo(exact, within(0.05 * exact));
    }

    @Test
    void momentsAreUnbiased() {
        Moments m = Moments.of(new double[][] {{1, 2}, {3, 2}, {5, 8}});
        assertThat(m.mean()).containsExactly(3, 4);
        assertThat(m.covariance()[0][0]).isCloseTo(4, within(1e-12));
        assertThat(m.covariance()[0][1]).isCloseTo(6, within(1e-12));
        assertThat(m.covariance()[1][1]).isCloseTo(12, within(1e-12));
    }

    @Test
    void badInputIsRejectedWithItsName() {
        assertThatThrownBy(() -> FrechetDistance.between(new double[][] {{1, 2}, {3, 4}}, new double[][] {{1}, {2}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
        assertThatThrownBy(() -> FrechetDistance.fromParameters(new double[] {0, 0}, new double[][] {{1, 0}, {0, -1}},
                new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive semi-definite");
        assertThatThrownBy(() -> FrechetDistance.fromParameters(new double[] {0, 0}, new double[][] {{1, 0.5}, {0, 1}},
                new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not symmetric");
        assertThatThrownBy(() -> FrechetDistance.between(new double[][] {{1, Double.NaN}, {3, 4}}, new double[][] {{1, 1}, {2, 2}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
    }
}
