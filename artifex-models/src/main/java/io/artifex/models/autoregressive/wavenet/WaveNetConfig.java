package io.artifex.models.autoregressive.wavenet;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.RuleContext;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A WaveNet over mu-law codes of a waveform. Type id {@code wavenet}.
 *
 * <p>The network: a causal input convolution of kernel 2 from the one-hot codes to
 * {@code residualChannels}; {@code numLayers} gated layers, layer {@code i} with dilation
 * {@code 2^(i mod dilationCycle)}, each a dilated causal convolution of kernel 2 to
 * {@code 2 * dilationChannels} split into {@code tanh} and {@code sigmoid} halves, a 1x1 residual
 * convolution back to {@code residualChannels} and a 1x1 skip convolution to {@code skipChannels};
 * then ReLU, 1x1 {@code skipChannels -> skipChannels}, ReLU, 1x1 to {@code numLevels} logits per
 * sample. The logits at position {@code t} predict code {@code t} from the
 * {@link #receptiveField()} codes before it.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param name a label for logs
 * @param residualChannels channels of the residual stream (the input convolution's output)
 * @param dilationChannels channels of each gate half (the dilated convolution has twice as many outputs)
 * @param skipChannels channels of the skip sum and of the output head's hidden layer
 * @param numLayers gated layers in all, at least 1
 * @param dilationCycle layers per stack: dilations run 1, 2, ..., 2^(dilationCycle - 1), then start again; at most 20
 * @param numLevels the categorical's size (mu-law codes); default 256
 * @param numClasses 0 (default) for an unconditional model; otherwise a learned per-class bias on every gate
 * @param sampleLength codes in an unprompted sample ({@code generate(n, ...)}); default 8000
 */
public record WaveNetConfig(
        @NotBlank @ConfigName String name,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer residualChannels,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer dilationChannels,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer skipChannels,
        @NotNull @Positive @Max(ConfigLimits.MAX_LAYERS) Integer numLayers,
        @NotNull @Positive @Max(MAX_DILATION_CYCLE) Integer dilationCycle,
        @NotNull @Min(2) @Max(ConfigLimits.MAX_LEVELS) Integer numLevels,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_CLASSES) Integer numClasses,
        @NotNull @Positive @Max(ConfigLimits.MAX_CONTEXT * 64) Integer sampleLength)
        implements ModelConfig, CrossFieldRules {

    /** The longest dilation cycle: dilations up to 2^19. */
    public static final int MAX_DILATION_CYCLE = 20;

    /** Defaults: 256 levels, unconditional, samples of 8000 codes. */
    public WaveNetConfig {
        numLevels = numLevels == null ? 256 : numLevels;
        numClasses = numClasses == null ? 0 : numClasses;
        sampleLength = sampleLength == null ? 8000 : sampleLength;
    }

    /** The dilation of gated layer {@code layer} (0-based): {@code 2^(layer mod dilationCycle)}. */
    public int dilation(int layer) {
        if (layer < 0 || layer >= numLayers) {
            throw new IllegalArgumentException("layer must be in [0, " + numLayers + "), got " + layer);
        }
        return 1 << (layer % dilationCycle);
    }

    /**
     * The number of past codes the logits of a position see: 2 for the input convolution of
     * kernel 2 plus the sum of the dilations (512 for 2 stacks of dilations 1 .. 128).
     */
    public int receptiveField() {
        long field = 2;
        for (int i = 0; i < numLayers; i++) {
            field += dilation(i);
        }
        return (int) Math.min(Integer.MAX_VALUE, field);
    }

    /** Cross-field rule: a dilation cycle no longer than the layers it spreads over. */
    @Override
    public void check(RuleContext ctx) {
        if (dilationCycle != null && numLayers != null && dilationCycle > numLayers) {
            ctx.reject("dilationCycle", "must be at most numLayers (" + numLayers + "), got " + dilationCycle);
        }
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link WaveNetConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.residualChannels = residualChannels;
        b.dilationChannels = dilationChannels;
        b.skipChannels = skipChannels;
        b.numLayers = numLayers;
        b.dilationCycle = dilationCycle;
        b.numLevels = numLevels;
        b.numClasses = numClasses;
        b.sampleLength = sampleLength;
        return b;
    }

    private WaveNetConfig(Builder b) {
        this(b.name, b.residualChannels, b.dilationChannels, b.skipChannels, b.numLayers, b.dilationCycle,
                b.numLevels, b.numClasses, b.sampleLength);
    }

    /**
     * Builds a {@link WaveNetConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private Integer residualChannels;
        private Integer dilationChannels;
        private Integer skipChannels;
        private Integer numLayers;
        private Integer dilationCycle;
        private Integer numLevels;
        private Integer numClasses;
        private Integer sampleLength;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code residualChannels}: channels of the residual stream. */
        public Builder residualChannels(int residualChannels) {
            this.residualChannels = residualChannels;
            return this;
        }

        /** Sets {@code dilationChannels}: channels of each gate half. */
        public Builder dilationChannels(int dilationChannels) {
            this.dilationChannels = dilationChannels;
            return this;
        }

        /** Sets {@code skipChannels}: channels of the skip sum and the head's hidden layer. */
        public Builder skipChannels(int skipChannels) {
            this.skipChannels = skipChannels;
            return this;
        }

        /** Sets {@code numLayers}: gated layers in all. */
        public Builder numLayers(int numLayers) {
            this.numLayers = numLayers;
            return this;
        }

        /** Sets {@code dilationCycle}: layers per stack of doubling dilations. */
        public Builder dilationCycle(int dilationCycle) {
            this.dilationCycle = dilationCycle;
            return this;
        }

        /** Sets {@code numLevels}: the categorical's size; default 256. */
        public Builder numLevels(int numLevels) {
            this.numLevels = numLevels;
            return this;
        }

        /** Sets {@code numClasses}: 0 for unconditional (default), otherwise class-conditional. */
        public Builder numClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** Sets {@code sampleLength}: codes in an unprompted sample; default 8000. */
        public Builder sampleLength(int sampleLength) {
            this.sampleLength = sampleLength;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public WaveNetConfig build() {
            return new WaveNetConfig(this);
        }
    }
}
