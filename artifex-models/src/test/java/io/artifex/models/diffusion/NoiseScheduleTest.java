package io.artifex.models.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NoiseScheduleTest {

    @Test
    void betaFormulasOfTheFourSchedules() {
        NoiseSchedule linear = NoiseSchedule.linear(5, 0.1, 0.5);
        assertThat(linear.betas()).containsExactly(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, within(1e-12));
        NoiseSchedule quadratic = NoiseSchedule.quadratic(3, 0.04, 0.16);
        assertThat(quadratic.betas()).containsExactly(new double[] {0.04, 0.09, 0.16}, within(1e-12));
        NoiseSchedule sqrt = NoiseSchedule.sqrt(5, 0.1, 0.5);
        assertThat(sqrt.beta(1)).isCloseTo(0.1 + 0.4 * 0.5, within(1e-12));
        assertThat(sqrt.beta(4)).isCloseTo(0.5, within(1e-12));
        // sqrt rises fastest at the start, quadratic slowest: compare at the same midpoint
        double mid = NoiseSchedule.linear(101, 1e-4, 0.02).beta(50);
        assertThat(NoiseSchedule.sqrt(101, 1e-4, 0.02).beta(50)).isGreaterThan(mid);
        assertThat(NoiseSchedule.quadratic(101, 1e-4, 0.02).beta(50)).isLessThan(mid);
    }

    @Test
    void cosineAlphaBarFollowsTheCosineUntilTheClip() {
        int steps = 1000;
        NoiseSchedule cosine = NoiseSchedule.cosine(steps);
        double f0 = Math.pow(Math.cos(0.008 / 1.008 * Math.PI / 2), 2);
        for (int t : new int[] {0, 10, 500, 900}) {
            double f = Math.pow(Math.cos(((t + 1) / (double) steps + 0.008) / 1.008 * Math.PI / 2), 2);
            assertThat(cosine.alphaBar(t)).as("t=" + t).isCloseTo(f / f0, within(1e-9));
        }
        assertThat(cosine.beta(steps - 1)).isEqualTo(0.999);
        for (double b : cosine.betas()) {
            assertThat(b).isStrictlyBetween(0.0, 1.0);
        }
        assertThat(cosine.alphaBar(steps - 1)).isLessThan(1e-8);
    }

    @Test
    void alphaBarIsTheRunningProductAndSqrtTermsMatch() {
        NoiseSchedule s = NoiseSchedule.linear(50, 1e-3, 0.05);
        double product = 1;
        for (int t = 0; t < 50; t++) {
            product *= 1 - s.beta(t);
            assertThat(s.alphaBar(t)).isCloseTo(product, within(1e-14));
            assertThat(s.alphas()[t]).isCloseTo(1 - s.beta(t), within(1e-15));
            assertThat(s.sqrtAlphaBar(t) * s.sqrtAlphaBar(t) + Math.pow(s.sqrtOneMinusAlphaBar(t), 2))
                    .isCloseTo(1, within(1e-14));
            assertThat(s.snr(t)).isCloseTo(product / (1 - product), within(1e-9 * (1 + s.snr(t))));
        }
        assertThat(s.alphaBarsPrev()[0]).isEqualTo(1.0);
        assertThat(s.alphaBar(-1)).isEqualTo(1.0);
    }

    /** q(x_{t-1} | x_t, x0) by Bayes: product of q(x_t | x_{t-1}) and q(x_{t-1} | x0), two Gaussians. */
    @Test
    void posteriorCoefficientsEqualTheBayesProduct() {
        NoiseSchedule s = NoiseSchedule.cosine(200);
        for (int t = 1; t < 200; t += 13) {
            double beta = s.beta(t);
            double prev = s.alphaBar(t - 1);
            double precision = 1 / (1 - prev) + (1 - beta) / beta;
            double variance = 1 / precision;
            double coefX0 = variance * Math.sqrt(prev) / (1 - prev);
            double coefXt = variance * Math.sqrt(1 - beta) / beta;
            assertThat(s.posteriorVariance(t)).as("var t=" + t).isCloseTo(variance, within(1e-12));
            assertThat(s.posteriorMeanCoefX0(t)).as("c1 t=" + t).isCloseTo(coefX0, within(1e-9));
            assertThat(s.posteriorMeanCoefXt(t)).as("c2 t=" + t).isCloseTo(coefXt, within(1e-9));
        }
        assertThat(s.posteriorVariance(0)).isZero();
        assertThat(s.posteriorMeanCoefX0(0)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void fromConfigAndValidation() {
        NoiseSchedule fromConfig = NoiseSchedule.fromConfig(new NoiseScheduleConfig("s", NoiseScheduleType.QUADRATIC, 10));
        assertThat(fromConfig.betas()).containsExactly(NoiseSchedule.quadratic(10, 1e-4, 0.02).betas());
        assertThat(NoiseSchedule.of(NoiseScheduleType.COSINE, 10, 0.3, 0.4).betas())
                .containsExactly(NoiseSchedule.cosine(10).betas());
        assertThatThrownBy(() -> NoiseSchedule.fromBetas(new double[] {0.1, 1.0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("betas[1]");
        assertThatThrownBy(() -> NoiseSchedule.linear(10, -0.1, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("betas[0]");
        assertThatThrownBy(() -> NoiseSchedule.cosine(0)).hasMessageContaining("numTimesteps");
        assertThatThrownBy(() -> NoiseSchedule.linear(10, 1e-4, 0.02).alphaBar(10)).hasMessageContaining("[0, 9]");
    }
}
