package io.artifex.models.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ActivationType;
import io.artifex.core.config.gan.GanLoss;
import io.artifex.core.config.gan.MlpGanConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.random.Rng;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small MLP GANs trained by the generic trainer on eight Gaussians (std 0.05, radius 2). The full
 * coverage runs are opt-in (-Dartifex.slowTests=true, steps from -Dartifex.eightGaussians.steps,
 * default 1,500) and do NOT pass yet (see docs/families/gan.md: at 10,000 steps the
 * non-saturating GAN still leaves one mode empty; WGAN-GP reaches all eight at 5,000 steps but
 * too loosely); when on they require that of 2,000 samples, each mode gets at least 2 % within
 * 3 std of its centre, and at least half of all samples are that close to some mode.
 */
class EightGaussiansTest {

    private static final Logger LOG = LoggerFactory.getLogger(EightGaussiansTest.class);
    private static final double STD = 0.05;

    /** Full coverage run; slow on 2 shared cores (see GAN.md), so only with -Dartifex.slowTests=true. */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "artifex.slowTests", matches = "true")
    void nonSaturatingGanCoversAllEightModes() {
        assertCovers(GanLoss.NON_SATURATING, 1, 2e-3, Integer.getInteger("artifex.eightGaussians.steps", 1500));
    }

    /** Full coverage run for WGAN-GP; slow, only with -Dartifex.slowTests=true. */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "artifex.slowTests", matches = "true")
    void wganGpCoversAllEightModes() {
        assertCovers(GanLoss.WASSERSTEIN_GP, 2, 1e-3, Integer.getInteger("artifex.eightGaussians.steps", 1500));
    }

    /** The fast check: a short run already moves the generator's samples onto the circle of modes. */
    @Test
    void shortRunMovesSamplesOntoTheRing() {
        float[] x = train(GanLoss.NON_SATURATING, 1, 2e-3, 150);
        double[] stats = ringStats(x);
        LOG.info("short run: mean radius {}, fraction within 0.5 of the ring {}", stats[0], stats[1]);
        assertThat(stats[0]).isBetween(1.5, 2.5);
        // measured: 31 % after 150 steps; the untrained generator puts almost none there (its samples sit near the origin)
        assertThat(stats[1]).isGreaterThan(0.2);
    }

    private static double[] ringStats(float[] x) {
        double sum = 0;
        int close = 0;
        int n = x.length / 2;
        for (int i = 0; i < n; i++) {
            double r = Math.hypot(x[2 * i], x[2 * i + 1]);
            sum += r;
            close += Math.abs(r - EightGaussiansSource.RADIUS) <= 0.5 ? 1 : 0;
        }
        return new double[] {sum / n, close / (double) n};
    }

    private static float[] train(GanLoss loss, int nCritic, double lr, int steps) {
        MlpGanConfig config = new MlpGanConfig("eight", 4, 2, List.of(64, 64), List.of(64, 64),
                ActivationType.RELU, loss, null, null, nCritic, null, null);
        OptimizerConfig adam = OptimizerConfig.adam(lr, 0.5, 0.9);
        TrainerConfig trainer = new TrainerConfig(100, (long) steps, 256, 3L,
                Map.of("default", adam, "generator", adam, "discriminator", adam), null, null, 0, null, null, 500);
        try (NDManager manager = NDManager.newBaseManager()) {
            Gan gan = (Gan) GanFixtures.create(config, manager, 1);
            long start = System.nanoTime();
            new Trainer(trainer, List.of()).fit(gan, new EightGaussiansSource(256, 100, STD, 5, false), null);
            LOG.info("{} steps of {} took {} ms", steps, loss, (System.nanoTime() - start) / 1_000_000);
            return gan.generate(2000, manager, new Rng(8)).toFloatArray();
        }
    }

    private static void assertCovers(GanLoss loss, int nCritic, double lr, int steps) {
        MlpGanConfig config = new MlpGanConfig("eight", 4, 2, List.of(64, 64), List.of(64, 64),
                ActivationType.RELU, loss, null, null, nCritic, null, null);
        OptimizerConfig adam = OptimizerConfig.adam(lr, 0.5, 0.9);
        TrainerConfig trainer = new TrainerConfig(100, (long) steps, 256, 3L,
                Map.of("default", adam, "generator", adam, "discriminator", adam), null, null, 0, null, null, 500);
        try (NDManager manager = NDManager.newBaseManager()) {
            Gan gan = (Gan) GanFixtures.create(config, manager, 1);
            TrainingResult result = new Trainer(trainer, List.of())
                    .fit(gan, new EightGaussiansSource(256, 100, STD, 5, false), null);
            assertThat(result.steps()).isEqualTo((long) steps);
            float[] x = gan.generate(2000, manager, new Rng(8)).toFloatArray();
            int[] near = new int[8];
            int good = 0;
            for (int i = 0; i < 2000; i++) {
                for (int k = 0; k < 8; k++) {
                    double[] c = EightGaussiansSource.centre(k);
                    if (Math.hypot(x[2 * i] - c[0], x[2 * i + 1] - c[1]) <= 3 * STD) {
                        near[k]++;
                        good++;
                    }
                }
            }
            LOG.info("{}: samples within 3 std per mode {}, total {}", loss, java.util.Arrays.toString(near), good);
            for (int k = 0; k < 8; k++) {
                assertThat(near[k]).as("mode %d of %s", k, loss).isGreaterThanOrEqualTo(40);
            }
            assertThat(good).isGreaterThanOrEqualTo(1000);
        }
    }
}
