package io.artifex.models.diffusion;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The usage reference for vector data: an {@code mlp-diffusion} model trained briefly with the
 * generic trainer on two moons (v prediction, 2,000 steps of 256); its samples must be close to
 * the data by a kernel two-sample statistic (RBF MMD^2 with bandwidths 0.2, 0.5 and 1), several
 * times closer than a Gaussian with the data's mean and covariance is. DDPM runs all 1,000
 * steps and must leave the model's manager as it found it.
 */
class TwoMoonsTest {

    private static final int N = 600;

    /** Biased MMD^2 estimate with a sum of RBF kernels; {@code x (n, 2)}, {@code y (m, 2)}. */
    static double mmd(NDArray x, NDArray y) {
        return kernelMean(x, x) + kernelMean(y, y) - 2 * kernelMean(x, y);
    }

    private static double kernelMean(NDArray a, NDArray b) {
        NDArray d2 = a.expandDims(1).sub(b.expandDims(0)).square().sum(new int[] {2});
        double total = 0;
        for (double h : new double[] {0.2, 0.5, 1.0}) {
            total += d2.div((float) (-2 * h * h)).exp().mean().getFloat();
        }
        return total;
    }

    /** A Gaussian with the data's mean and covariance: the reference a good model must beat. */
    private static NDArray gaussianLike(NDArray data, NDManager m, Rng rng) {
        NDArray mean = data.mean(new int[] {0});
        NDArray c = data.sub(mean);
        float[] cov = c.transpose().matMul(c).div((float) data.getShape().get(0)).toFloatArray();
        double l00 = Math.sqrt(cov[0]);
        double l10 = cov[2] / l00;
        double l11 = Math.sqrt(cov[3] - l10 * l10);
        NDArray z = rng.normal(m, new Shape(N, 2));
        NDArray chol = m.create(new float[] {(float) l00, (float) l10, 0f, (float) l11}, new Shape(2, 2));
        return z.matMul(chol).add(mean);
    }

    @Test
    void anMlpDenoiserTrainedBrieflySamplesTwoMoons() {
        MlpDiffusionConfig config = MlpDiffusionConfig.builder().name("moons").dataDim(2)
                .hiddenDims(List.of(128, 128, 128))
                .noiseSchedule(new NoiseScheduleConfig("schedule", NoiseScheduleType.COSINE, 1000))
                .predictionType(PredictionType.V).build();
        TrainerConfig training = TrainerConfig.builder().epochs(1000).maxSteps(2000).batchSize(256).seed(7)
                .optimizer(OptimizerConfig.adam(3e-3)).validateEvery(0).logEvery(500).build();
        try (DiffusionModel model = (DiffusionModel) Models.create(config, 1);
             NDManager m = NDManager.newBaseManager()) {
            TrainingResult result = new Trainer(training).fit(model, new TwoMoons(4096, 256, 3), null);
            assertThat(result.steps()).isEqualTo(2000);
            NDArray data = TwoMoons.array(m, N, 99);
            NDArray ddim = model.generate(N, model.ddimScheduler(50, 0.0), null, m, new Rng(5));
            NDManager owner = model.manager();
            int before = owner.getManagedArrays().size();
            int[] steps = new int[1];
            NDArray ddpm = model.generate(N, model.ddpmScheduler(), (s, total) -> steps[0] = s, m, new Rng(6));
            assertThat(steps[0]).isEqualTo(1000);
            assertThat(owner.getManagedArrays()).hasSize(before);

            double reference = mmd(data, TwoMoons.array(m, N, 100));
            double gaussian = mmd(data, gaussianLike(data, m, new Rng(8)));
            double ddimScore = mmd(data, ddim);
            double ddpmScore = mmd(data, ddpm);
            org.slf4j.LoggerFactory.getLogger(TwoMoonsTest.class).warn(
                    "two moons MMD^2: data vs data {}, gaussian {}, DDIM-50 {}, DDPM-1000 {}",
                    reference, gaussian, ddimScore, ddpmScore);
            // seen here: data vs data 0.006, Gaussian 0.083, DDIM-50 0.014, DDPM-1000 0.023
            assertThat(ddimScore).isLessThan(gaussian / 4);
            assertThat(ddpmScore).isLessThan(gaussian / 3);
        }
    }
}
