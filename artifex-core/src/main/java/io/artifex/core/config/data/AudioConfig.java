package io.artifex.core.config.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.Finite;
import io.artifex.core.config.RuleContext;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.util.Locale;

/**
 * How the {@code audio} data set reads waveforms (the {@code audio} block of {@link DataConfig}).
 * Each example is a crop of {@code clipLength} samples of one file, served as {@code (1, clipLength)}
 * (or {@code (channels, clipLength)} with {@code mono: false}).
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param layout {@code librispeech} ({@code speaker/chapter/*.flac} with {@code *.trans.txt};
 *               labels are speakers, the test split holds out whole speakers) or {@code folder}
 *               (WAV/FLAC files in one subfolder per label, or all in one folder unlabelled);
 *               default {@code librispeech}
 * @param sampleRate the rate every clip must have, in Hz; default 16,000
 * @param clipLength samples per example; longer files are cropped at a seeded random offset,
 *                   shorter ones zero-padded at the end; default 16,000
 * @param mono true (the default) to mix every file down to one channel
 * @param normalise per-file loudness before cropping: {@code none} (the default), {@code peak}
 *                  (peak {@code level}, default 1.0) or {@code rms} (RMS {@code level}, default 0.1)
 * @param level the target of {@code normalise}, in (0, 1]: the peak with {@code peak}, the RMS with
 *              {@code rms}; null (the default) for 1.0 and 0.1 respectively; must stay unset with
 *              {@code normalise: none}
 * @param gainDb a gain in decibels applied to every file after normalisation (a factor
 *               {@code 10^(gainDb / 20)}), in [-60, 60]; default 0; the result is clipped to [-1, 1]
 * @param muLaw true to serve 256 mu-law codes (int32, mu = 255) instead of floats in [-1, 1];
 *              default false
 * @param resample true to resample files of another rate to {@code sampleRate} (band-limited);
 *                 false (the default) refuses such a file with an error naming it
 */
public record AudioConfig(
        @NotNull @Pattern(regexp = "librispeech|folder", message = "must be one of folder, librispeech") String layout,
        @NotNull @Positive @Max(MAX_SAMPLE_RATE) Integer sampleRate,
        @NotNull @Positive @Max(MAX_CLIP_LENGTH) Integer clipLength,
        @NotNull Boolean mono,
        @NotNull @Pattern(regexp = "none|peak|rms", message = "must be one of none, peak, rms") String normalise,
        @NotNull Boolean muLaw,
        @NotNull Boolean resample,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Finite @DecimalMin(value = "0", inclusive = false)
        @DecimalMax("1") Double level,
        @NotNull @Finite @DecimalMin("-60") @DecimalMax("60") Double gainDb) implements CrossFieldRules {

    /** The highest {@code sampleRate}, in Hz. */
    public static final int MAX_SAMPLE_RATE = 384_000;

    /** The longest {@code clipLength}: 2^22 samples (about 4.4 minutes at 16 kHz). */
    public static final int MAX_CLIP_LENGTH = 1 << 22;

    /** The peak {@code normalise: peak} scales to when {@code level} is unset. */
    public static final double DEFAULT_PEAK_LEVEL = 1.0;

    /** The RMS {@code normalise: rms} scales to when {@code level} is unset (-20 dBFS). */
    public static final double DEFAULT_RMS_LEVEL = 0.1;

    /** Defaults for unset fields, as listed on the record; names are lower-cased. */
    public AudioConfig {
        layout = layout == null ? "librispeech" : layout.trim().toLowerCase(Locale.ROOT);
        sampleRate = sampleRate == null ? 16_000 : sampleRate;
        clipLength = clipLength == null ? 16_000 : clipLength;
        mono = mono == null ? Boolean.TRUE : mono;
        normalise = normalise == null ? "none" : normalise.trim().toLowerCase(Locale.ROOT);
        muLaw = muLaw == null ? Boolean.FALSE : muLaw;
        resample = resample == null ? Boolean.FALSE : resample;
        gainDb = gainDb == null ? 0.0 : gainDb;
    }

    /** Rule between fields: {@code level} is set only with {@code normalise} {@code peak} or {@code rms}. */
    @Override
    public void check(RuleContext ctx) {
        if (level != null && "none".equals(normalise)) {
            ctx.reject("level", "is set but normalise is none; set normalise: peak or rms for a target level");
        }
    }

    /**
     * The level {@code normalise} scales each file to: {@code level}, or its default for the mode
     * (1.0 for {@code peak}, 0.1 for {@code rms}); 0 for {@code none}.
     */
    public double levelOrDefault() {
        return switch (normalise) {
            case "peak" -> level == null ? DEFAULT_PEAK_LEVEL : level;
            case "rms" -> level == null ? DEFAULT_RMS_LEVEL : level;
            default -> 0.0;
        };
    }

    /** The linear factor of {@code gainDb}, {@code 10^(gainDb / 20)}. */
    public double gainFactor() {
        return Math.pow(10, gainDb / 20);
    }

    /** Every field at its default. */
    public static AudioConfig defaults() {
        return builder().build();
    }

    /** A builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder().layout(layout).sampleRate(sampleRate).clipLength(clipLength).mono(mono)
                .normalise(normalise).muLaw(muLaw).resample(resample).level(level).gainDb(gainDb);
    }

    /** Builds an {@link AudioConfig} one named field at a time; unset fields take their defaults. */
    public static final class Builder {
        private String layout;
        private Integer sampleRate;
        private Integer clipLength;
        private Boolean mono;
        private String normalise;
        private Boolean muLaw;
        private Boolean resample;
        private Double level;
        private Double gainDb;

        private Builder() {
        }

        /** Sets {@code layout}: {@code librispeech} or {@code folder}. */
        public Builder layout(String layout) {
            this.layout = layout;
            return this;
        }

        /** Sets {@code sampleRate} in Hz. */
        public Builder sampleRate(int sampleRate) {
            this.sampleRate = sampleRate;
            return this;
        }

        /** Sets {@code clipLength} in samples. */
        public Builder clipLength(int clipLength) {
            this.clipLength = clipLength;
            return this;
        }

        /** Sets {@code mono}: true to mix down to one channel. */
        public Builder mono(boolean mono) {
            this.mono = mono;
            return this;
        }

        /** Sets {@code normalise}: {@code none}, {@code peak} or {@code rms}. */
        public Builder normalise(String normalise) {
            this.normalise = normalise;
            return this;
        }

        /** Sets {@code muLaw}: true to serve mu-law codes. */
        public Builder muLaw(boolean muLaw) {
            this.muLaw = muLaw;
            return this;
        }

        /** Sets {@code resample}: true to resample files of another rate. */
        public Builder resample(boolean resample) {
            this.resample = resample;
            return this;
        }

        /** Sets {@code level}: the peak or RMS {@code normalise} scales to, in (0, 1]; null for the mode's default. */
        public Builder level(Double level) {
            this.level = level;
            return this;
        }

        /** Sets {@code gainDb}: decibels of gain after normalisation, in [-60, 60]. */
        public Builder gainDb(double gainDb) {
            this.gainDb = gainDb;
            return this;
        }

        /** The config, with defaults for unset fields. */
        public AudioConfig build() {
            return new AudioConfig(layout, sampleRate, clipLength, mono, normalise, muLaw, resample, level, gainDb);
        }
    }
}
