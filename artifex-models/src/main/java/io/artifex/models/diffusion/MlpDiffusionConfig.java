package io.artifex.models.diffusion;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.RuleContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/**
 * A diffusion model of vector data (e.g. 2-D toy sets) with a small MLP denoiser instead of
 * a U-Net. Type id {@code mlp-diffusion}; the family that builds it registers the id through
 * ServiceLoader (artifex-models).
 *
 * @param name a label for logs
 * @param dataDim the size D of one example (N, D)
 * @param hiddenDims widths of the MLP's hidden layers
 * @param activation activation of the MLP and the time embedding; default silu
 * @param timeEmbeddingDim size of the sinusoidal timestep embedding, even and at least 4; default 64
 * @param noiseSchedule the forward-process schedule
 * @param predictionType what the network predicts; default epsilon
 * @param minSnrGamma gamma of Min-SNR loss weighting; default 0 = off
 */
public record MlpDiffusionConfig(
        @NotBlank String name,
        @NotNull @Positive Integer dataDim,
        @NotEmpty List<@NotNull @Positive Integer> hiddenDims,
        @NotNull ActivationType activation,
        @NotNull @Positive Integer timeEmbeddingDim,
        @NotNull @Valid NoiseScheduleConfig noiseSchedule,
        @NotNull PredictionType predictionType,
        @NotNull @PositiveOrZero Double minSnrGamma) implements ModelConfig, CrossFieldRules {

    /** Defaults: silu, time embedding 64, epsilon, Min-SNR off. */
    public MlpDiffusionConfig {
        activation = activation == null ? ActivationType.SILU : activation;
        timeEmbeddingDim = timeEmbeddingDim == null ? 64 : timeEmbeddingDim;
        predictionType = predictionType == null ? PredictionType.EPSILON : predictionType;
        minSnrGamma = minSnrGamma == null ? 0.0 : minSnrGamma;
    }

    /** The short form: data size, hidden widths and schedule; every other field at its default. */
    public MlpDiffusionConfig(String name, int dataDim, List<Integer> hiddenDims, NoiseScheduleConfig noiseSchedule) {
        this(name, dataDim, hiddenDims, null, null, noiseSchedule, null, null);
    }

    /** Cross-field rule: the time embedding is even (sine and cosine halves) and at least 4. */
    @Override
    public void check(RuleContext ctx) {
        if (timeEmbeddingDim != null && (timeEmbeddingDim % 2 != 0 || timeEmbeddingDim < 4)) {
            ctx.reject("timeEmbeddingDim", "must be even and at least 4, got " + timeEmbeddingDim);
        }
    }
}
