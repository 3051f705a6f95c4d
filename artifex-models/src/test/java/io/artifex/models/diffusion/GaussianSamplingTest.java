package io.artifex.models.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * For data from N(mu, s^2) (independent per dimension) the ideal denoiser has a closed form:
 * with {@code a = sqrt(abar_t)}, {@code b = sqrt(1 - abar_t)} and {@code d = a^2 s^2 + b^2},
 * {@code eps* = b (x_t - a mu) / d}, {@code x0* = mu + a s^2 (x_t - a mu) / d} and
 * {@code v* = a eps* - b x0*}. Driven by it, both samplers must give back the data's mean and
 * variance, for every prediction target. 4,000 points in 2-D, one batch.
 */
class GaussianSamplingTest {

    private static final float[] MU = {1.0f, -0.5f};
    private static final float[] STD = {0.5f, 1.5f};
    private static final int N = 4000;

    private final NoiseSchedule cosine = NoiseSchedule.cosine(1000);

    /** The ideal output for {@code type}, written directly from the formulas above (not via PredictionTargets). */
    private Denoiser ideal(PredictionType type) {
        return (xt, t) -> {
            NDManager m = xt.getManager();
            double abar = cosine.alphaBar(t);
            float a = (float) Math.sqrt(abar);
            float b = (float) Math.sqrt(1 - abar);
            NDArray mu = m.create(MU, new Shape(1, 2));
            NDArray var = m.create(STD, new Shape(1, 2)).square();
            NDArray d = var.mul(a * a).add(b * b);
            NDArray centred = xt.sub(mu.mul(a));
            NDArray eps = centred.mul(b).div(d);
            NDArray x0 = mu.add(centred.mul(var).mul(a).div(d));
            return switch (type) {
                case EPSILON -> eps;
                case X0 -> x0;
                case V -> eps.mul(a).sub(x0.mul(b));
            };
        };
    }

    private static void assertMatchesData(NDArray samples, String what) {
        float[] mean = samples.mean(new int[] {0}).toFloatArray();
        float[] var = samples.sub(samples.mean(new int[] {0})).square().mean(new int[] {0}).toFloatArray();
        for (int j = 0; j < 2; j++) {
            double s2 = STD[j] * STD[j];
            assertThat((double) mean[j]).as(what + " mean[" + j + "]").isCloseTo(MU[j], within(4 * STD[j] / Math.sqrt(N)));
            assertThat((double) var[j]).as(what + " var[" + j + "]").isCloseTo(s2, within(4 * s2 * Math.sqrt(2.0 / N)));
        }
    }

    @Test
    void ddpmWithAllThousandStepsReproducesTheGaussianForEveryTarget() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (PredictionType type : PredictionType.values()) {
                AtomicInteger steps = new AtomicInteger();
                DiffusionSampler sampler = new DiffusionSampler(new DdpmScheduler(cosine, type, 0),
                        (step, total) -> {
                            assertThat(total).isEqualTo(1000);
                            steps.set(step);
                        });
                NDArray samples = sampler.sample(ideal(type), new Shape(N, 2), m, new Rng(21));
                assertThat(steps.get()).isEqualTo(1000);
                assertMatchesData(samples, "DDPM " + type);
            }
        }
    }

    @Test
    void deterministicDdimWithFiftyStepsReproducesTheGaussianForEveryTarget() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (PredictionType type : PredictionType.values()) {
                DiffusionSampler sampler = new DiffusionSampler(new DdimScheduler(cosine, type, 0, 0.0, 50));
                assertMatchesData(sampler.sample(ideal(type), new Shape(N, 2), m, new Rng(22)), "DDIM " + type);
            }
            DiffusionSampler stochastic = new DiffusionSampler(new DdimScheduler(cosine, PredictionType.V, 0, 0.5, 50));
            assertMatchesData(stochastic.sample(ideal(PredictionType.V), new Shape(N, 2), m, new Rng(23)), "DDIM eta 0.5");
        }
    }

    /**
     * Inpainting with coordinate 0 known (= 2.5, far from its mean): the result keeps it exactly,
     * coordinate 1 (independent of it) still has the data's distribution, and the denoiser sees
     * the known coordinate noised as q(x_t | x_0) at every step.
     */
    @Test
    void inpaintingKeepsTheKnownPartAndSamplesTheRest() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray known = m.create(new float[] {2.5f, 0f}).reshape(1, 2).repeat(0, N);
            NDArray mask = m.create(new float[] {1f, 0f}, new Shape(1, 2));
            int probe = 600;
            double[] seen = new double[2];
            Denoiser base = ideal(PredictionType.EPSILON);
            Denoiser recording = (xt, t) -> {
                if (t == probe) {
                    NDArray col = xt.get(":, 0");
                    seen[0] = col.mean().getFloat();
                    seen[1] = col.sub(col.mean()).square().mean().getFloat();
                }
                return base.predict(xt, t);
            };
            DiffusionSampler sampler = new DiffusionSampler(new DdpmScheduler(cosine, PredictionType.EPSILON, 0));
            NDArray out = sampler.inpaint(recording, known, mask, m, new Rng(31));
            float[] first = out.get(":, 0").toFloatArray();
            for (float v : first) {
                assertThat(v).isEqualTo(2.5f);
            }
            NDArray second = out.get(":, 1");
            double mean = second.mean().getFloat();
            double var = second.sub(second.mean()).square().mean().getFloat();
            double s2 = STD[1] * STD[1];
            assertThat(mean).isCloseTo(MU[1], within(4 * STD[1] / Math.sqrt(N)));
            assertThat(var).isCloseTo(s2, within(4 * s2 * Math.sqrt(2.0 / N)));
            double a = cosine.sqrtAlphaBar(probe);
            double v = 1 - cosine.alphaBar(probe);
            assertThat(seen[0]).isCloseTo(2.5 * a, within(4 * Math.sqrt(v / N)));
            assertThat(seen[1]).isCloseTo(v, within(4 * v * Math.sqrt(2.0 / N)));
        }
    }
}
