package io.artifex.eval.bench;

import io.artifex.core.config.ModelConfig;
import io.artifex.models.diffusion.DdpmConfig;

/**
 * The {@code ddpm-small} U-Net made class-conditional (10 digit classes, label dropout 0.1 for
 * classifier-free guidance), trained and scored as {@link GuidedDdpmVariant} describes. A
 * configuration of the diffusion family for the "largest configuration that reaches the
 * bar"; its figures are not those of an unconditional model and are reported apart from them.
 */
public final class DdpmConditionalBenchmark extends GuidedDdpmVariant {

    /** The id on the command line. */
    public static final String ID = "ddpm-small-cond";

    /** Parameters of this configuration (not from the spec): {@code ddpm-small} plus the class embedding. */
    public static final long EXPECTED_PARAMETERS = 511_265L;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "class-conditional DDPM (ddpm-small's U-Net, 10 classes, label dropout 0.1), guidance "
                + GUIDANCE_SCALE + "; not a spec reference network";
    }

    @Override
    public ModelConfig config() {
        DdpmConfig small = (DdpmConfig) new DdpmSmallBenchmark().config();
        return new DdpmConfig(ID, small.inputShape(), small.backbone(), small.noiseSchedule(), small.predictionType(),
                CLASSES, LABEL_DROPOUT, small.minSnrGamma(), small.emaDecay());
    }

    @Override
    public long expectedParameters() {
        return EXPECTED_PARAMETERS;
    }
}
