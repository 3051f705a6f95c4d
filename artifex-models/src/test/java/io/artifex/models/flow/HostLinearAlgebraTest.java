package io.artifex.models.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The host-side linear algebra against independent references: determinants by the Leibniz
 * (permutation) formula, products by the textbook triple loop, inverses and LU factors checked
 * by multiplying back, and the random rotations' distribution against the moments of the
 * uniform (Haar) distribution. Matrices with zeros on the diagonal force row swaps.
 *
 * <p>Planted bugs this catches: a pivot search that keeps a zero pivot (determinant reported as
 * singular), a lost row swap in the inverse (rows of the inverse permuted), a wrong index
 * expression in any of the loops, a missing size check, and a Box-Muller draw that is not
 * Gaussian (rotations no longer uniformly distributed), and a pivot search that does not pick the
 * largest entry (a tiny pivot destroys the result).
 */
class HostLinearAlgebraTest {

    /** 4 x 4, det = -62 by cofactors, a(0,0) = 0 and a(1,1) = 0 so both pivots need a swap. */
    private static final double[] A = {
        0, 2, 1, 3,
        1, 0, 2, 1,
        4, 1, 0, 2,
        2, 3, 1, 1};

    /**
     * det = 2, but elimination with the 1e-20 pivot (no row swap) loses it: rows 2 and 3 become
     * equal to 20 digits. Only a pivot search that picks the largest entry gets it right.
     */
    private static final double[] TINY_PIVOT = {1e-20, 1, 1, 1, 1, 2, 1, 2, 1};

    /**
     * Matrices whose correct pivot is the largest entry below the diagonal while another entry
     * of the column, or of the pivot row, is zero: a search that compares against the wrong
     * element keeps a zero pivot and reports a singular matrix. {@code ZERO_AFTER_STEP} has
     * det 5 and an exact zero at (1, 1) after the first elimination; the permutation has det -1.
     */
    private static final double[] ZERO_AFTER_STEP = {2, 4, 1, 1, 2, 3, 1, 1, 1};
    private static final double[] PERMUTATION = {1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1};
    /** det -4; after Gauss-Jordan's first step the pivot row's entry right of the column (5) exceeds the pivot (-1). */
    private static final double[] LARGE_PIVOT_ROW = {2, 4, 10, 1, 2, 3, 1, 1, 1};

    /** det by the Leibniz formula: the sum over permutations of sign * product. */
    private static double leibniz(double[] a, int n) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        return permute(a, n, perm, 0);
    }

    private static double permute(double[] a, int n, int[] perm, int k) {
        if (k == n) {
            double product = 1;
            for (int i = 0; i < n; i++) {
                product *= a[i * n + perm[i]];
            }
            int inversions = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    inversions += perm[i] > perm[j] ? 1 : 0;
                }
            }
            return inversions % 2 == 0 ? product : -product;
        }
        double sum = 0;
        for (int i = k; i < n; i++) {
            int t = perm[k];
            perm[k] = perm[i];
            perm[i] = t;
            sum += permute(a, n, perm, k + 1);
            perm[i] = perm[k];
            perm[k] = t;
        }
        return sum;
    }

    private static double[] product(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a[i * n + k] * b[k * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static void assertIdentity(double[] m, int n, double tolerance) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(m[i * n + j]).as("(%d, %d)", i, j).isCloseTo(i == j ? 1 : 0, within(tolerance));
            }
        }
    }

    private static double[] randomMatrix(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextDouble(-1, 1);
        }
        return a;
    }

    @Test
    void logAbsDetMatchesTheLeibnizFormulaWithRowSwapsAndOnRandomMatrices() {
        assertThat(leibniz(A, 4)).isCloseTo(-62, within(1e-12));
        assertThat(HostLinearAlgebra.logAbsDet(A, 4)).isCloseTo(Math.log(62), within(1e-12));
        for (int n = 1; n <= 5; n++) {
            double[] a = randomMatrix(n, 100 + n);
            assertThat(HostLinearAlgebra.logAbsDet(a, n)).as("n = %d", n)
                    .isCloseTo(Math.log(Math.abs(leibniz(a, n))), within(1e-10));
        }
        assertThat(HostLinearAlgebra.logAbsDet(TINY_PIVOT, 3)).isCloseTo(Math.log(2), within(1e-12));
        assertThat(leibniz(ZERO_AFTER_STEP, 3)).isCloseTo(5, within(1e-12));
        assertThat(HostLinearAlgebra.logAbsDet(ZERO_AFTER_STEP, 3)).isCloseTo(Math.log(5), within(1e-12));
        assertThat(HostLinearAlgebra.logAbsDet(PERMUTATION, 4)).isCloseTo(0, within(1e-12));
        assertThat(leibniz(LARGE_PIVOT_ROW, 3)).isCloseTo(-4, within(1e-12));
        assertThat(HostLinearAlgebra.logAbsDet(LARGE_PIVOT_ROW, 3)).isCloseTo(Math.log(4), within(1e-12));
        double[] singular = {1, 2, 3, 2, 4, 6, 0, 1, 1};
        assertThat(HostLinearAlgebra.logAbsDet(singular, 3)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(HostLinearAlgebra.logAbsDet(new double[] {0, 0, 0, 0}, 2)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void inverseTimesTheMatrixIsTheIdentityInBothOrders() {
        assertIdentity(product(A, HostLinearAlgebra.inverse(A, 4), 4), 4, 1e-12);
        assertIdentity(product(HostLinearAlgebra.inverse(A, 4), A, 4), 4, 1e-12);
        assertIdentity(product(TINY_PIVOT, HostLinearAlgebra.inverse(TINY_PIVOT, 3), 3), 3, 1e-12);
        assertIdentity(product(ZERO_AFTER_STEP, HostLinearAlgebra.inverse(ZERO_AFTER_STEP, 3), 3), 3, 1e-12);
        assertIdentity(product(PERMUTATION, HostLinearAlgebra.inverse(PERMUTATION, 4), 4), 4, 1e-12);
        assertIdentity(product(LARGE_PIVOT_ROW, HostLinearAlgebra.inverse(LARGE_PIVOT_ROW, 3), 3), 3, 1e-12);
        double[] b = randomMatrix(5, 7);
        assertIdentity(product(b, HostLinearAlgebra.inverse(b, 5), 5), 5, 1e-10);
        double[] original = A.clone();
        HostLinearAlgebra.inverse(A, 4);
        assertThat(A).containsExactly(original);
        assertThatThrownBy(() -> HostLinearAlgebra.inverse(new double[] {1, 2, 2, 4}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("singular");
    }

    @Test
    void luWithoutPivotingMultipliesBackWithUnitLowerAndUpperFactors() {
        double[] a = {4, 3, 2, 2, 1, 3, 6, 2, 5};
        double[][] lu = HostLinearAlgebra.luNoPivot(a, 3);
        double[] l = lu[0];
        double[] u = lu[1];
        for (int i = 0; i < 3; i++) {
            assertThat(l[i * 3 + i]).isEqualTo(1.0);
            for (int j = i + 1; j < 3; j++) {
                assertThat(l[i * 3 + j]).as("L above the diagonal").isZero();
                assertThat(u[j * 3 + i]).as("U below the diagonal").isCloseTo(0, within(1e-15));
            }
        }
        double[] back = product(l, u, 3);
        for (int i = 0; i < 9; i++) {
            assertThat(back[i]).isCloseTo(a[i], within(1e-12));
        }
        assertThatThrownBy(() -> HostLinearAlgebra.luNoPivot(A, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minor 0");
        assertThatThrownBy(() -> HostLinearAlgebra.luNoPivot(new double[] {1, 2, 2, 4}, 2))
                .hasMessageContaining("minor 1");
    }

    @Test
    void multiplyIsTheTripleLoopProduct() {
        double[] a = randomMatrix(3, 1);
        double[] b = randomMatrix(3, 2);
        double[] expected = product(a, b, 3);
        double[] got = HostLinearAlgebra.multiply(a, b, 3);
        for (int i = 0; i < 9; i++) {
            assertThat(got[i]).isCloseTo(expected[i], within(1e-15));
        }
        assertThat(HostLinearAlgebra.multiply(new double[] {2}, new double[] {3}, 1)).containsExactly(6.0);
    }

    /**
     * Q^T Q = I, and over 20,000 draws of 2 x 2 rotations the entry Q(0, 0) = cos(theta) has the
     * moments of a uniform angle: mean 0, E[c^2] = 1/2, E[c^4] = 3/8 (standard errors about
     * 0.005, 0.0035 and 0.0026).
     */
    @Test
    void randomOrthogonalMatricesAreOrthogonalAndUniformlyDistributed() {
        double[] q = HostLinearAlgebra.randomOrthogonal(4, new SplittableRandom(3));
        double[] qt = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                qt[j * 4 + i] = q[i * 4 + j];
            }
        }
        assertIdentity(product(qt, q, 4), 4, 1e-12);
        assertThat(HostLinearAlgebra.randomOrthogonal(4, new SplittableRandom(3))).containsExactly(q);
        SplittableRandom random = new SplittableRandom(11);
        int draws = 20_000;
        double m1 = 0;
        double m2 = 0;
        double m4 = 0;
        for (int d = 0; d < draws; d++) {
            double c = HostLinearAlgebra.randomOrthogonal(2, random)[0];
            m1 += c / draws;
            m2 += c * c / draws;
            m4 += c * c * c * c / draws;
        }
        assertThat(m1).isCloseTo(0, within(0.02));
        assertThat(m2).isCloseTo(0.5, within(0.015));
        assertThat(m4).isCloseTo(0.375, within(0.012));
    }

    /**
     * The Box-Muller draws behind the random rotations are standard normal: mean 0, variance 1,
     * and the normal's mass within one and two standard deviations (0.6827, 0.9545). Over 50,000
     * draws the standard errors are about 0.0045, 0.006, 0.002 and 0.001. The moments of a 2 x 2
     * rotation above cannot tell a wrong radius from a right one (any independent radius gives the
     * same angle moments); this catches {@code -2 / log(u1)} and {@code r / cos}, whose draws have
     * no finite variance.
     */
    @Test
    void boxMullerDrawsAreStandardNormal() {
        SplittableRandom random = new SplittableRandom(5);
        int draws = 50_000;
        double mean = 0;
        double square = 0;
        int withinOne = 0;
        int withinTwo = 0;
        for (int d = 0; d < draws; d++) {
            double x = HostLinearAlgebra.nextGaussian(random);
            mean += x / draws;
            square += x * x / draws;
            withinOne += Math.abs(x) < 1 ? 1 : 0;
            withinTwo += Math.abs(x) < 2 ? 1 : 0;
        }
        assertThat(mean).isCloseTo(0, within(0.02));
        assertThat(square).isCloseTo(1, within(0.03));
        assertThat(withinOne / (double) draws).isCloseTo(0.6827, within(0.008));
        assertThat(withinTwo / (double) draws).isCloseTo(0.9545, within(0.005));
    }

    @Test
    void nonSquareOrMissingInputIsRefusedWithTheExpectedSize() {
        assertThatThrownBy(() -> HostLinearAlgebra.logAbsDet(new double[5], 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a 2x2 matrix (4 values), got 5 values");
        assertThatThrownBy(() -> HostLinearAlgebra.inverse(null, 3)).hasMessage("expected a 3x3 matrix (9 values), got null");
        assertThatThrownBy(() -> HostLinearAlgebra.luNoPivot(new double[0], 0)).hasMessageContaining("0x0");
    }
}
