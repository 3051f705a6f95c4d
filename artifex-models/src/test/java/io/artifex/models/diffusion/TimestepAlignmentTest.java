package io.artifex.models.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * Timestep alignment between the forward process, the schedulers and the sampler, on 1-D data
 * x0 ~ N(MU, S2) and a short schedule (T = 10) where neighbouring timesteps have very different
 * noise levels. The ideal denoiser {@code eps*(x_t, t) = b (x_t - a MU) / (a^2 S2 + b^2)} is linear
 * in x_t, so every sampler step is a linear-Gaussian map and the exact mean and variance of the
 * samples follow by propagating (mean, variance) through the steps in plain double arithmetic,
 * with abar computed here from the betas (t is 0-based: {@code abar_t = prod_{s <= t} (1 - beta_s)},
 * {@code abar_{-1} = 1}). Any off-by-one (the denoiser asked at t - 1, a scheduler reading
 * abar_{t-1} for abar_t, a skipped or extra step, q(x_t | x_0) at the wrong t) moves the sample
 * moments far outside the Monte Carlo tolerance; the negative control shows that a denoiser
 * shifted by one step is detected.
 */
class TimestepAlignmentTest {

    private static final int T = 10;
    private static final double MU = 1.0;
    private static final double S2 = 0.25;
    private static final int N = 20_000;
    private static final double[] BETAS = betas();

    private static double[] betas() {
        double[] b = new double[T];
        for (int t = 0; t < T; t++) {
            b[t] = 0.05 + 0.45 * t / (T - 1);
        }
        return b;
    }

    /** abar_t by hand, with abar_{-1} = 1. */
    private static double abar(int t) {
        double p = 1;
        for (int s = 0; s <= t; s++) {
            p *= 1 - BETAS[s];
        }
        return p;
    }

    /** The exact epsilon predictor for N(MU, S2) data, asked at timestep {@code t - shift}. */
    private static Denoiser ideal(int shift) {
        return (xt, t) -> {
            double ab = abar(t - shift);
            double a = Math.sqrt(ab);
            double b = Math.sqrt(1 - ab);
            double d = a * a * S2 + b * b;
            return xt.sub((float) (a * MU)).mul((float) (b / d));
        };
    }

    /** The exact (mean, variance) of the samples: propagate N(0, 1) through the linear-Gaussian steps. */
    private static double[] exactMoments(int[] visited, boolean ddim) {
        double m = 0;
        double v = 1;
        for (int i = 0; i < visited.length; i++) {
            int t = visited[i];
            int s = i + 1 < visited.length ? visited[i + 1] : -1;
            double at = Math.sqrt(abar(t));
            double bt = Math.sqrt(1 - abar(t));
            double d = at * at * S2 + bt * bt;
            double ke = bt / d;            // eps = ke x + ce
            double ce = -at * bt * MU / d;
            double k0 = (1 - bt * ke) / at; // x0 = (x - bt eps) / at
            double c0 = -bt * ce / at;
            double gain;
            double offset;
            double noise;
            double abS = s < 0 ? 1.0 : abar(s);
            if (ddim) {
                gain = Math.sqrt(abS) * k0 + Math.sqrt(1 - abS) * ke;
                offset = Math.sqrt(abS) * c0 + Math.sqrt(1 - abS) * ce;
                noise = 0;
            } else {
                double alpha = abar(t) / abS;
                double cx0 = Math.sqrt(abS) * (1 - alpha) / (1 - abar(t));
                double cxt = Math.sqrt(alpha) * (1 - abS) / (1 - abar(t));
                gain = cx0 * k0 + cxt;
                offset = cx0 * c0;
                noise = (1 - alpha) * (1 - abS) / (1 - abar(t));
            }
            m = gain * m + offset;
            v = gain * gain * v + noise;
        }
        return new double[] {m, v};
    }

    private static double[] moments(NDArray samples) {
        float[] x = samples.toFloatArray();
        double sum = 0;
        for (float f : x) {
            sum += f;
        }
        double mean = sum / x.length;
        double sq = 0;
        for (float f : x) {
            sq += (f - mean) * (f - mean);
        }
        return new double[] {mean, sq / x.length};
    }

    private static boolean matches(double[] got, double[] exact) {
        double meanTol = 5 * Math.sqrt(exact[1] / N);
        double varTol = 5 * exact[1] * Math.sqrt(2.0 / N);
        return Math.abs(got[0] - exact[0]) < meanTol && Math.abs(got[1] - exact[1]) < varTol;
    }

    @Test
    void forwardProcessUsesAbarOfTheSameTimestep() {
        NoiseSchedule schedule = NoiseSchedule.fromBetas(BETAS);
        DdpmScheduler scheduler = new DdpmScheduler(schedule, PredictionType.EPSILON, 0);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x0 = m.create(new float[] {2f, 2f, 2f});
            NDArray eps = m.create(new float[] {1f, 1f, 1f});
            for (int t : new int[] {0, 4, 9}) {
                double expected = Math.sqrt(abar(t)) * 2 + Math.sqrt(1 - abar(t));
                assertThat((double) scheduler.addNoise(x0, eps, t).getFloat(0)).as("addNoise at t=%d", t)
                        .isCloseTo(expected, within(1e-5));
            }
            // the batched form the training forward pass uses, one timestep per example
            float[] batched = scheduler.addNoise(x0, eps, new int[] {0, 4, 9}).toFloatArray();
            int[] ts = {0, 4, 9};
            for (int i = 0; i < 3; i++) {
                double expected = Math.sqrt(abar(ts[i])) * 2 + Math.sqrt(1 - abar(ts[i]));
                assertThat((double) batched[i]).as("batched addNoise at t=%d", ts[i]).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void ddpmSamplerWithTheExactDenoiserHasTheExactMoments() {
        DiffusionSampler sampler = new DiffusionSampler(
                new DdpmScheduler(NoiseSchedule.fromBetas(BETAS), PredictionType.EPSILON, 0));
        int[] visited = sampler.scheduler().timesteps();
        assertThat(visited).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        double[] exact = exactMoments(visited, false);
        try (NDManager m = NDManager.newBaseManager()) {
            double[] aligned = moments(sampler.sample(ideal(0), new Shape(N, 1), m, new Rng(3)));
            assertThat(matches(aligned, exact)).as("DDPM moments %s vs exact %s",
                    java.util.Arrays.toString(aligned), java.util.Arrays.toString(exact)).isTrue();
            // negative control: the same denoiser one step off is far outside the tolerance
            double[] shifted = moments(sampler.sample(ideal(1), new Shape(N, 1), m, new Rng(3)));
            assertThat(matches(shifted, exact)).as("shifted DDPM moments %s", java.util.Arrays.toString(shifted))
                    .isFalse();
            assertThat(Math.abs(shifted[1] - exact[1])).isGreaterThan(20 * exact[1] * Math.sqrt(2.0 / N));
        }
    }

    @Test
    void ddimSamplerWithTheExactDenoiserHasTheExactMoments() {
        NoiseSchedule schedule = NoiseSchedule.fromBetas(BETAS);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int steps : new int[] {T, 5}) {
                DiffusionSampler sampler = new DiffusionSampler(
                        new DdimScheduler(schedule, PredictionType.EPSILON, 0, 0.0, steps));
                int[] visited = sampler.scheduler().timesteps();
                assertThat(visited).hasSize(steps);
                assertThat(visited[steps - 1]).isZero();
                double[] exact = exactMoments(visited, true);
                double[] aligned = moments(sampler.sample(ideal(0), new Shape(N, 1), m, new Rng(4)));
                assertThat(matches(aligned, exact)).as("DDIM-%d moments %s vs exact %s", steps,
                        java.util.Arrays.toString(aligned), java.util.Arrays.toString(exact)).isTrue();
                double[] shifted = moments(sampler.sample(ideal(1), new Shape(N, 1), m, new Rng(4)));
                assertThat(matches(shifted, exact)).as("shifted DDIM-%d moments", steps).isFalse();
            }
        }
    }
}
