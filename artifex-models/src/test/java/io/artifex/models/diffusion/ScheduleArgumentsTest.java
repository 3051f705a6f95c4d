package io.artifex.models.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * The edges of the noise schedule's and the schedulers' argument ranges: the smallest valid
 * values work (one timestep, a beta just above 0, as many sampling steps as timesteps) and the
 * next ones out are refused with a message naming the argument, not an index error or a silent
 * broadcast. Catches a {@code <} written for {@code <=} (or the reverse) in these checks and a
 * check that is skipped.
 */
class ScheduleArgumentsTest {

    @Test
    void betasMustLieStrictlyBetweenZeroAndOne() {
        assertThat(NoiseSchedule.fromBetas(new double[] {1e-9, 0.5}).numTimesteps()).isEqualTo(2);
        assertThatThrownBy(() -> NoiseSchedule.fromBetas(new double[] {0.1, 0.0}))
                .hasMessageContaining("betas[1] must be in (0, 1), got 0.0");
        assertThatThrownBy(() -> NoiseSchedule.fromBetas(new double[] {1.0}))
                .hasMessageContaining("betas[0] must be in (0, 1), got 1.0");
        for (double[] range : new double[][] {{0, 0.02}, {1, 0.02}, {1e-4, 0}, {1e-4, 1}}) {
            assertThatThrownBy(() -> NoiseSchedule.quadratic(10, range[0], range[1])).as("quadratic %s", range[0])
                    .hasMessageContaining("betaStart and betaEnd must be in (0, 1)");
        }
    }

    /**
     * The per-step arrays for betas (0.1, 0.2), worked out by hand: abar = (0.9, 0.72); the
     * posterior of q(x_{t-1} | x_t, x_0) has variance beta_t (1 - abar_{t-1}) / (1 - abar_t)
     * = (0, 0.02 / 0.28), x_0 coefficient sqrt(abar_{t-1}) beta_t / (1 - abar_t)
     * = (1, sqrt(0.9) 0.2 / 0.28) and x_t coefficient sqrt(alpha_t) (1 - abar_{t-1}) / (1 - abar_t)
     * = (0, sqrt(0.8) 0.1 / 0.28).
     */
    @Test
    void thePerStepArraysMatchAHandComputation() {
        NoiseSchedule s = NoiseSchedule.fromBetas(new double[] {0.1, 0.2});
        assertThat(s.alphaBars()).containsExactly(new double[] {0.9, 0.72}, within(1e-12));
        assertThat(s.alphaBarsPrev()).containsExactly(new double[] {1.0, 0.9}, within(1e-12));
        assertThat(s.posteriorVariances()).containsExactly(new double[] {0.0, 0.02 / 0.28}, within(1e-12));
        assertThat(s.posteriorMeanCoefsX0()).containsExactly(new double[] {1.0, Math.sqrt(0.9) * 0.2 / 0.28},
                within(1e-12));
        assertThat(s.posteriorMeanCoefsXt()).containsExactly(new double[] {0.0, Math.sqrt(0.8) * 0.1 / 0.28},
                within(1e-12));
        DdimScheduler ddim = new DdimScheduler(s, PredictionType.V, 1.5, 0.3, 2);
        assertThat(ddim.eta()).isEqualTo(0.3);
        assertThat(ddim.clipX0()).isEqualTo(1.5);
        assertThat(ddim.predictionType()).isEqualTo(PredictionType.V);
    }

    @Test
    void oneTimestepIsTheShortestSchedule() {
        NoiseSchedule one = NoiseSchedule.linear(1, 0.1, 0.2);
        assertThat(one.numTimesteps()).isEqualTo(1);
        assertThat(one.sqrtAlphaBar(0)).isCloseTo(Math.sqrt(0.9), within(1e-12));
        assertThatThrownBy(() -> NoiseSchedule.linear(0, 0.1, 0.2)).hasMessageContaining("numTimesteps must be >= 1");
        assertThatThrownBy(() -> NoiseSchedule.quadratic(0, 0.1, 0.2)).hasMessageContaining("numTimesteps must be >= 1");
    }

    @Test
    void samplingStepsRangeFromOneToTheNumberOfTimesteps() {
        DdpmScheduler scheduler = new DdpmScheduler(NoiseSchedule.linear(10, 1e-4, 0.02), PredictionType.EPSILON, 0);
        assertThat(scheduler.setTimesteps(10)).isSameAs(scheduler);
        assertThat(scheduler.timesteps()).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        assertThat(scheduler.setTimesteps(1).timesteps()).containsExactly(0);
        assertThat(scheduler.previousTimestep(0)).isEqualTo(-1);
        assertThatThrownBy(() -> scheduler.setTimesteps(11)).hasMessageContaining("must be in [1, 10], got 11");
        assertThatThrownBy(() -> scheduler.setTimesteps(0)).hasMessageContaining("must be in [1, 10], got 0");
        assertThatThrownBy(() -> scheduler.previousTimestep(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timestep 10 is not one of the sampling timesteps");
    }

    @Test
    void noiseOfAnotherShapeIsRefusedNotBroadcast() {
        DdpmScheduler scheduler = new DdpmScheduler(NoiseSchedule.linear(10, 1e-4, 0.02), PredictionType.EPSILON, 0);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> scheduler.addNoise(m.zeros(new Shape(2, 3)), m.zeros(new Shape(2, 1)), 4))
                    .hasMessageContaining("noise shape (2, 1) must equal x0's shape (2, 3)");
            assertThatThrownBy(() -> scheduler.addNoise(m.zeros(new Shape(2, 3)), m.zeros(new Shape(1, 3)),
                    new int[] {4, 5})).hasMessageContaining("noise shape (1, 3) must equal x0's shape (2, 3)");
        }
    }
}
