package io.artifex.eval.bench;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ModelConfig;
import io.artifex.models.diffusion.DdpmConfig;
import io.artifex.models.diffusion.NoiseScheduleConfig;
import io.artifex.models.diffusion.PredictionType;
import io.artifex.models.diffusion.NoiseScheduleType;
import io.artifex.models.diffusion.UNetBackboneConfig;
import java.util.List;

/**
 * A class-conditional DDPM on a narrow, three-level U-Net (16, 32 and 64 channels at 28, 14
 * and 7 pixels, self-attention only in the 7 x 7 middle, time embedding 128), trained with
 * Min-SNR loss weighting (gamma {@value #MIN_SNR_GAMMA}) and sampled with classifier-free
 * guidance as {@link GuidedDdpmVariant} describes. Cosine schedule over 1000 steps, epsilon
 * prediction. The point of the shape: full-resolution convolutions dominate a CPU step, so
 * halving the top level's width and moving the extra capacity to a third, coarse level (which
 * also gives each pixel a view of the whole digit) makes a step about 2.5 times cheaper than
 * {@code ddpm-small}'s on one thread, for a similar parameter count. The diffusion issue's
 * candidate for the largest configuration that reaches the bar in the budget; not a spec
 * reference network.
 */
public final class DdpmTinyConditionalBenchmark extends GuidedDdpmVariant {

    /** The id on the command line. */
    public static final String ID = "ddpm-tiny-cond";

    /** Parameters of this configuration (not from the spec). */
    public static final long EXPECTED_PARAMETERS = 535_345L;

    /** Gamma of the Min-SNR weighting: timesteps with a signal-to-noise ratio above it weigh less. */
    static final double MIN_SNR_GAMMA = 5.0;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "class-conditional DDPM (U-Net 16, mult (1, 2, 4), attention at 7, Min-SNR 5), guidance "
                + GUIDANCE_SCALE + "; not a spec reference network";
    }

    @Override
    public ModelConfig config() {
        UNetBackboneConfig backbone = new UNetBackboneConfig("backbone", 1, 1, List.of(16, 32, 64), List.of(1, 2, 4),
                ActivationType.SILU, 1, List.of(7), 4, 8, 128);
        NoiseScheduleConfig schedule = new NoiseScheduleConfig("schedule", NoiseScheduleType.COSINE, 1000);
        return new DdpmConfig(ID, List.of(28, 28, 1), backbone, schedule, PredictionType.EPSILON, CLASSES,
                LABEL_DROPOUT, MIN_SNR_GAMMA, null);
    }

    @Override
    public long expectedParameters() {
        return EXPECTED_PARAMETERS;
    }

    @Override
    public String qualityBudget(int epochs) {
        return super.qualityBudget(epochs) + "; the epsilon MSE weighted by Min-SNR-" + MIN_SNR_GAMMA;
    }
}
