package io.artifex.models.diffusion;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.Finite;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.RuleContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A diffusion model of vector data (e.g. 2-D toy sets) with a small MLP denoiser instead of
 * a U-Net. Type id {@code mlp-diffusion}; the family that builds it registers the id through
 * ServiceLoader (artifex-models).
 *
 * <p>Thread-safety: immutable once built if callers do not mutate the lists they pass (they are not
 * copied); safe to read from several threads. Its {@code Builder} is not thread-safe: use one
 * builder per thread.
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
        @NotBlank @ConfigName String name,
        @NotNull @Positive @Max(ConfigLimits.MAX_DATA_DIM) Integer dataDim,
        @NotEmpty @Size(max = ConfigLimits.MAX_LAYERS) List<@NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer> hiddenDims,
        @NotNull ActivationType activation,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer timeEmbeddingDim,
        @NotNull @Valid NoiseScheduleConfig noiseSchedule,
        @NotNull PredictionType predictionType,
        @NotNull @Finite @PositiveOrZero @DecimalMax(ConfigLimits.MAX_FACTOR) Double minSnrGamma) implements ModelConfig, CrossFieldRules {

    /** Defaults: silu, time embedding 64, epsilon, Min-SNR off. */
    public MlpDiffusionConfig {
        activation = activation == null ? ActivationType.SILU : activation;
        timeEmbeddingDim = timeEmbeddingDim == null ? 64 : timeEmbeddingDim;
        predictionType = predictionType == null ? PredictionType.EPSILON : predictionType;
        minSnrGamma = minSnrGamma == null ? 0.0 : minSnrGamma;
    }

    /** The short form: data size, hidden widths and schedule; every other field at its default. */
    public MlpDiffusionConfig(String name, int dataDim, List<Integer> hiddenDims, NoiseScheduleConfig noiseSchedule) {
        this(builder().name(name).dataDim(dataDim).hiddenDims(hiddenDims).noiseSchedule(noiseSchedule));
    }

    /** Cross-field rule: the time embedding is even (sine and cosine halves) and at least 4. */
    @Override
    public void check(RuleContext ctx) {
        if (timeEmbeddingDim != null && (timeEmbeddingDim % 2 != 0 || timeEmbeddingDim < 4)) {
            ctx.reject("timeEmbeddingDim", "must be even and at least 4, got " + timeEmbeddingDim);
        }
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link MlpDiffusionConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.dataDim = dataDim;
        builder.hiddenDims = hiddenDims;
        builder.activation = activation;
        builder.timeEmbeddingDim = timeEmbeddingDim;
        builder.noiseSchedule = noiseSchedule;
        builder.predictionType = predictionType;
        builder.minSnrGamma = minSnrGamma;
        return builder;
    }

    private MlpDiffusionConfig(Builder builder) {
        this(builder.name, builder.dataDim, builder.hiddenDims, builder.activation, builder.timeEmbeddingDim,
                builder.noiseSchedule, builder.predictionType, builder.minSnrGamma);
    }

    /**
     * Builds a {@link MlpDiffusionConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private Integer dataDim;
        private List<Integer> hiddenDims;
        private ActivationType activation;
        private Integer timeEmbeddingDim;
        private NoiseScheduleConfig noiseSchedule;
        private PredictionType predictionType;
        private Double minSnrGamma;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code dataDim}: the size D of one example (N, D). */
        public Builder dataDim(int dataDim) {
            this.dataDim = dataDim;
            return this;
        }

        /** Sets {@code hiddenDims}: widths of the MLP's hidden layers. */
        public Builder hiddenDims(List<Integer> hiddenDims) {
            this.hiddenDims = hiddenDims;
            return this;
        }

        /** Sets {@code hiddenDims} from its entries, e.g. {@code hiddenDims(256, 128)}. */
        public Builder hiddenDims(int... hiddenDims) {
            this.hiddenDims = java.util.Arrays.stream(hiddenDims).boxed().toList();
            return this;
        }

        /** Sets {@code activation}: activation of the MLP and the time embedding; default silu. */
        public Builder activation(ActivationType activation) {
            this.activation = activation;
            return this;
        }

        /**
         * Sets {@code timeEmbeddingDim}: size of the sinusoidal timestep embedding, even and at least 4;
         * default 64.
         */
        public Builder timeEmbeddingDim(int timeEmbeddingDim) {
            this.timeEmbeddingDim = timeEmbeddingDim;
            return this;
        }

        /** Sets {@code noiseSchedule}: the forward-process schedule. */
        public Builder noiseSchedule(NoiseScheduleConfig noiseSchedule) {
            this.noiseSchedule = noiseSchedule;
            return this;
        }

        /** Sets {@code predictionType}: what the network predicts; default epsilon. */
        public Builder predictionType(PredictionType predictionType) {
            this.predictionType = predictionType;
            return this;
        }

        /** Sets {@code minSnrGamma}: gamma of Min-SNR loss weighting; default 0 = off. */
        public Builder minSnrGamma(double minSnrGamma) {
            this.minSnrGamma = minSnrGamma;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public MlpDiffusionConfig build() {
            return new MlpDiffusionConfig(this);
        }
    }
}
