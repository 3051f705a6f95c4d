package io.artifex.models.energy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ActivationType;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.random.Rng;
import io.artifex.training.Trainer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed's usage story on a toy: build the config, train with the generic trainer, generate,
 * and check that samples cover all eight modes of the mixture (8 Gaussians on radius 2, std
 * 0.1). 600 steps of batch 128, 20 Langevin steps each (step 0.01, noise 0.05, no gradient
 * clip, domain [-3, 3]). Measured with these seeds: within 3 std of each mode lie 8.8-12.3 %
 * of 800 buffer-started samples (uniform would be 12.5 %) and 4.0-7.5 % of 800 samples run 20
 * steps from noise (short chains from noise have not all reached a mode yet). The bounds are
 * 5 % and 2.5 % per mode, and 70 % / 30 % in all.
 */
class EightGaussiansTest {

    /** Mode standard deviation: 0.1 (std 0.02 trained too slowly for a unit-test budget). */
    static final double STD = 0.1;

    /** Fraction of samples within 3 std of each mode. */
    static double[] coverage(float[] xy) {
        double[] frac = new double[8];
        int n = xy.length / 2;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 8; k++) {
                double[] c = PointSource.mode(k);
                double dx = xy[2 * i] - c[0];
                double dy = xy[2 * i + 1] - c[1];
                if (Math.sqrt(dx * dx + dy * dy) <= 3 * STD) {
                    frac[k] += 1.0 / n;
                }
            }
        }
        return frac;
    }

    @Test
    void trainedEbmCoversAllEightModes() {
        EbmConfig config = new EbmConfig("eight_gaussians", 2,
                new EnergyNetworkConfig("energy", List.of(64, 64), ActivationType.SILU),
                McmcConfig.builder().name("langevin").nSteps(20).stepSize(0.01).noiseScale(0.05).gradClip(0.0)
                        .domainMin(-3.0).domainMax(3.0).build(),
                new SampleBufferConfig("buffer", 2000, 0.05), 0.1);
        TrainerConfig trainer = TrainerConfig.builder().epochs(100).maxSteps(600).batchSize(128).seed(7)
                .optimizer(OptimizerConfig.adam(2e-3, 0.0, 0.999)).validateEvery(0).logEvery(1000).build();
        PointSource data = new PointSource(PointSource.eightGaussians(8192, STD, 1), 128, 2);
        try (NDManager manager = NDManager.newBaseManager();
             Ebm model = (Ebm) new EbmFamily().create(config, manager.newSubManager(), new Rng(0))) {
            new Trainer(trainer).fit(model, data, null);
            double[] fromNoise = coverage(model.generate(800, manager, new Rng(3)).toFloatArray());
            double[] fromBuffer = coverage(model.generate(800, manager, new Rng(4), true).toFloatArray());
            for (int k = 0; k < 8; k++) {
                assertThat(fromBuffer[k]).as("mode " + k + " from the buffer").isGreaterThan(0.05);
                assertThat(fromNoise[k]).as("mode " + k + " from noise").isGreaterThan(0.025);
            }
            assertThat(java.util.Arrays.stream(fromBuffer).sum()).as("buffer samples near a mode").isGreaterThan(0.7);
            assertThat(java.util.Arrays.stream(fromNoise).sum()).as("noise-started samples near a mode").isGreaterThan(0.3);
        }
    }
}
