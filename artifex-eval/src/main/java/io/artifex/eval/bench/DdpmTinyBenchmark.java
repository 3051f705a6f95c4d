package io.artifex.eval.bench;

import io.artifex.core.config.ModelConfig;
import io.artifex.models.diffusion.DdpmConfig;

/**
 * The unconditional form of {@link DdpmTinyConditionalBenchmark}'s network: the three-level
 * U-Net of 16, 32 and 64 channels (attention only in the 7 x 7 middle, time embedding 128),
 * Min-SNR 5 weighting, cosine schedule over 1000 steps, epsilon prediction, with no class
 * embedding. Trained, sampled and scored exactly like {@link DdpmBenchmark}. Not a spec
 * reference network: its parameter count is this configuration's, pinned here so that changes
 * show.
 */
public final class DdpmTinyBenchmark extends VariantBenchmark {

    /** The id on the command line. */
    public static final String ID = "ddpm-tiny";

    /** Parameters of this configuration (not from the spec). */
    public static final long EXPECTED_PARAMETERS = 533_937L;

    /** A variant of {@link DdpmBenchmark}. */
    public DdpmTinyBenchmark() {
        super(new DdpmBenchmark());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "DDPM (U-Net 16, mult (1, 2, 4), attention at 7, Min-SNR 5, cosine 1000 steps), not a spec reference "
                + "network";
    }

    @Override
    public ModelConfig config() {
        DdpmConfig conditional = (DdpmConfig) new DdpmTinyConditionalBenchmark().config();
        return new DdpmConfig(ID, conditional.inputShape(), conditional.backbone(), conditional.noiseSchedule(),
                conditional.predictionType(), 0, conditional.labelDropout(), conditional.minSnrGamma(),
                conditional.emaDecay());
    }

    @Override
    public long expectedParameters() {
        return EXPECTED_PARAMETERS;
    }

    @Override
    public String qualityBudget(int epochs) {
        return super.qualityBudget(epochs) + "; the epsilon MSE weighted by Min-SNR-"
                + DdpmTinyConditionalBenchmark.MIN_SNR_GAMMA;
    }
}
