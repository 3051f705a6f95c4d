package io.artifex.models.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private final NoiseSchedule cosine = NoiseSchedule.cosine(1000);

    /** Over many draws, x_t = addNoise(x0, eps, t) has mean sqrt(abar) x0 and variance 1 - abar. */
    @Test
    void addNoiseHasTheMomentsOfTheClosedFormForward() {
        DdpmScheduler scheduler = new DdpmScheduler(cosine, PredictionType.EPSILON, 0);
        int draws = 40_000;
        try (NDManager m = NDManager.newBaseManager()) {
            Rng rng = new Rng(11);
            NDArray x0 = m.create(new float[] {2.0f, -1.0f}).reshape(1, 2).repeat(0, draws);
            for (int t : new int[] {0, 100, 500, 900}) {
                NDArray xt = scheduler.addNoise(x0, rng.normal(m, x0.getShape()), t);
                float[] mean = xt.mean(new int[] {0}).toFloatArray();
                float[] var = xt.sub(xt.mean(new int[] {0})).square().mean(new int[] {0}).toFloatArray();
                double a = Math.sqrt(cosine.alphaBar(t));
                double v = 1 - cosine.alphaBar(t);
                double meanTolerance = 4.5 * Math.sqrt(v / draws) + 1e-6;
                double varTolerance = 4.5 * v * Math.sqrt(2.0 / draws) + 1e-9;
                assertThat((double) mean[0]).as("mean t=" + t).isCloseTo(2.0 * a, within(meanTolerance));
                assertThat((double) mean[1]).as("mean t=" + t).isCloseTo(-1.0 * a, within(meanTolerance));
                assertThat((double) var[0]).as("var t=" + t).isCloseTo(v, within(varTolerance));
                assertThat((double) var[1]).as("var t=" + t).isCloseTo(v, within(varTolerance));
            }
            // one timestep per example: each row uses its own coefficients
            NDArray pair = m.create(new float[] {1f, 1f}, new Shape(2, 1));
            NDArray noise = m.create(new float[] {0.5f, -0.5f}, new Shape(2, 1));
            float[] perExample = scheduler.addNoise(pair, noise, new int[] {10, 700}).toFloatArray();
            assertThat((double) perExample[0]).isCloseTo(cosine.sqrtAlphaBar(10) + 0.5 * cosine.sqrtOneMinusAlphaBar(10),
                    within(1e-6));
            assertThat((double) perExample[1]).isCloseTo(cosine.sqrtAlphaBar(700) - 0.5 * cosine.sqrtOneMinusAlphaBar(700),
                    within(1e-6));
        }
    }

    @Test
    void timestepsAreEvenlySpacedDownToZero() {
        DdimScheduler ddim = new DdimScheduler(cosine, PredictionType.EPSILON, 0, 0, 50);
        int[] ts = ddim.timesteps();
        assertThat(ts).hasSize(50);
        assertThat(ts[0]).isEqualTo(980);
        assertThat(ts[1]).isEqualTo(960);
        assertThat(ts[49]).isEqualTo(0);
        assertThat(ddim.previousTimestep(980)).isEqualTo(960);
        assertThat(ddim.previousTimestep(0)).isEqualTo(-1);
        assertThat(new DdimScheduler(cosine, PredictionType.EPSILON, 0, 0, 3).timesteps()).containsExactly(666, 333, 0);
        int[] all = new DdpmScheduler(cosine, PredictionType.EPSILON, 0).timesteps();
        assertThat(all).hasSize(1000);
        assertThat(all[0]).isEqualTo(999);
        assertThat(all[999]).isZero();
        assertThatThrownBy(() -> ddim.previousTimestep(999)).hasMessageContaining("not one of the sampling timesteps");
        assertThatThrownBy(() -> ddim.setTimesteps(1001)).hasMessageContaining("[1, 1000]");
        assertThatThrownBy(() -> new DdimScheduler(cosine, PredictionType.V, 0, 1.5, 10)).hasMessageContaining("eta");
    }

    /** One DDPM step is exactly the posterior q(x_{t-1} | x_t, x0) of the schedule, for every target. */
    @Test
    void ddpmStepIsThePosteriorOfTheSchedule() {
        try (NDManager m = NDManager.newBaseManager()) {
            int t = 400;
            double a = cosine.sqrtAlphaBar(t);
            double b = cosine.sqrtOneMinusAlphaBar(t);
            float x0 = 0.7f;
            float eps = -1.3f;
            float xt = (float) (a * x0 + b * eps);
            double expectedMean = cosine.posteriorMeanCoefX0(t) * x0 + cosine.posteriorMeanCoefXt(t) * xt;
            float[] outputs = {eps, x0, (float) (a * eps - b * x0)};
            PredictionType[] types = {PredictionType.EPSILON, PredictionType.X0, PredictionType.V};
            for (int k = 0; k < 3; k++) {
                DdpmScheduler scheduler = new DdpmScheduler(cosine, types[k], 0);
                int n = 20_000;
                NDArray xtArray = m.full(new Shape(n, 1), xt);
                NDArray out = m.full(new Shape(n, 1), outputs[k]);
                NDArray next = scheduler.step(out, t, xtArray, new Rng(k));
                double mean = next.mean().getFloat();
                double var = next.sub(next.mean()).square().mean().getFloat();
                double pv = cosine.posteriorVariance(t);
                assertThat(mean).as(types[k] + " mean").isCloseTo(expectedMean, within(4.5 * Math.sqrt(pv / n) + 1e-5));
                assertThat(var).as(types[k] + " var").isCloseTo(pv, within(4.5 * pv * Math.sqrt(2.0 / n)));
            }
        }
    }

    /** DDIM with eta = 1 over all steps has DDPM's posterior variance; eta = 0 is deterministic. */
    @Test
    void ddimEtaInterpolatesBetweenDeterministicAndDdpm() {
        try (NDManager m = NDManager.newBaseManager()) {
            int t = 300;
            NDArray xt = m.full(new Shape(20_000, 1), 0.4f);
            NDArray out = m.full(new Shape(20_000, 1), 0.2f);
            DdimScheduler stochastic = new DdimScheduler(cosine, PredictionType.EPSILON, 0, 1.0, 1000);
            NDArray next = stochastic.step(out, t, xt, new Rng(5));
            double var = next.sub(next.mean()).square().mean().getFloat();
            double pv = cosine.posteriorVariance(t);
            assertThat(var).isCloseTo(pv, within(4.5 * pv * Math.sqrt(2.0 / 20_000)));
            DdpmScheduler ddpm = new DdpmScheduler(cosine, PredictionType.EPSILON, 0);
            assertThat((double) next.mean().getFloat()).isCloseTo(ddpm.step(out, t, xt, new Rng(6)).mean().getFloat(),
                    within(4.5 * Math.sqrt(pv / 20_000) * 1.5));
            DdimScheduler deterministic = new DdimScheduler(cosine, PredictionType.EPSILON, 0, 0.0, 1000);
            NDArray d = deterministic.step(out, t, xt, new Rng(7));
            assertThat(d.max().getFloat()).isEqualTo(d.min().getFloat());
            // eta = 0: x_s = sqrt(abar_s) x0 + sqrt(1 - abar_s) eps with x0 from eps
            double a = cosine.sqrtAlphaBar(t);
            double b = cosine.sqrtOneMinusAlphaBar(t);
            double x0 = (0.4 - b * 0.2) / a;
            double expected = cosine.sqrtAlphaBar(t - 1) * x0 + cosine.sqrtOneMinusAlphaBar(t - 1) * 0.2;
            assertThat((double) d.getFloat(0, 0)).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void clippingBoundsTheX0Estimate() {
        try (NDManager m = NDManager.newBaseManager()) {
            DdimScheduler ddim = new DdimScheduler(cosine, PredictionType.X0, 1.0, 0.0, 10);
            int last = ddim.timesteps()[9];
            NDArray x = ddim.step(m.create(new float[] {5f, -5f, 0.5f}), last, m.create(new float[] {0f, 0f, 0f}),
                    new Rng(1));
            assertThat(x.toFloatArray()).containsExactly(new float[] {1f, -1f, 0.5f}, within(1e-6f));
            assertThatThrownBy(() -> ddim.step(m.zeros(new Shape(2)), last, m.zeros(new Shape(3)), new Rng(1)))
                    .hasMessageContaining("modelOutput shape");
        }
    }
}
