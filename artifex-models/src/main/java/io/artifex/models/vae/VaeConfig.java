package io.artifex.models.vae;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.Finite;
import io.artifex.core.config.ImageShapeValidator;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.RuleContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/**
 * A variational autoencoder, as in the seed's {@code VAEConfig}. Type id {@code vae}.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param name a label for logs
 * @param encoder the encoder network
 * @param decoder the decoder network
 * @param encoderType {@code dense} or {@code conv} (both networks)
 * @param klWeight beta of a beta-VAE: the weight of KL(q(z|x) || p(z)); default 1.0
 * @param klWarmupSteps steps over which the KL weight rises linearly from 0 to klWeight; 0 = none
 * @param likelihood {@code bernoulli} (logits, data in [0, 1]) or {@code gaussian} (fixed std)
 * @param gaussianStd the observation noise std of the gaussian likelihood; default 1.0
 * @param numClasses 0 for an unconditional VAE; otherwise labels condition encoder and decoder
 */
public record VaeConfig(
        @NotBlank @ConfigName String name,
        @NotNull @Valid EncoderConfig encoder,
        @NotNull @Valid DecoderConfig decoder,
        @NotNull EncoderType encoderType,
        @NotNull @Finite @PositiveOrZero @DecimalMax(ConfigLimits.MAX_FACTOR) Double klWeight,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_STEPS) Integer klWarmupSteps,
        @NotNull VaeLikelihood likelihood,
        @NotNull @Finite @Positive @DecimalMax(ConfigLimits.MAX_FACTOR) Double gaussianStd,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_CLASSES) Integer numClasses) implements ModelConfig, CrossFieldRules {

    /** Defaults: dense, klWeight 1, no warm-up, bernoulli, std 1, unconditional. */
    public VaeConfig {
        encoderType = encoderType == null ? EncoderType.DENSE : encoderType;
        klWeight = klWeight == null ? 1.0 : klWeight;
        klWarmupSteps = klWarmupSteps == null ? 0 : klWarmupSteps;
        likelihood = likelihood == null ? VaeLikelihood.BERNOULLI : likelihood;
        gaussianStd = gaussianStd == null ? 1.0 : gaussianStd;
        numClasses = numClasses == null ? 0 : numClasses;
    }

    /** The seed's form: {@code VAEConfig(name, encoder, decoder, encoder_type, kl_weight)}. */
    public VaeConfig(String name, EncoderConfig encoder, DecoderConfig decoder, EncoderType encoderType,
                     double klWeight) {
        this(builder().name(name).encoder(encoder).decoder(decoder).encoderType(encoderType).klWeight(klWeight));
    }

    /**
     * Cross-field rules: the decoder's latent size and output shape equal the encoder's, and
     * for {@code conv} networks the image height and width are divisible by 2^(number of
     * stride-2 layers) on both sides.
     */
    @Override
    public void check(RuleContext ctx) {
        if (encoder == null || decoder == null) {
            return;
        }
        ctx.requireEqual("decoder.latentDim", decoder.latentDim(), "encoder.latentDim", encoder.latentDim());
        ctx.requireEqual("decoder.outputShape", decoder.outputShape(), "encoder.inputShape", encoder.inputShape());
        if (encoderType == EncoderType.CONV) {
            requireDivisibleImage(ctx, "encoder.inputShape", encoder.inputShape(), encoder.hiddenDims(), "encoder.hiddenDims");
            requireDivisibleImage(ctx, "decoder.outputShape", decoder.outputShape(), decoder.hiddenDims(), "decoder.hiddenDims");
        }
    }

    private static void requireDivisibleImage(RuleContext ctx, String field, List<Integer> shape, List<Integer> layers,
                                              String layersField) {
        if (shape == null || shape.size() != 3 || layers == null || layers.isEmpty() || layers.size() > 30
                || shape.get(0) == null || shape.get(1) == null || ImageShapeValidator.looksChannelsFirst(shape)) {
            return;
        }
        int factor = 1 << layers.size();
        if (shape.get(0) % factor != 0 || shape.get(1) % factor != 0) {
            ctx.reject(field, "height and width must be divisible by " + factor + " (2^" + layers.size()
                    + " for the " + layers.size() + " stride-2 layers of " + layersField + ") for a conv VAE, got "
                    + shape.get(0) + "x" + shape.get(1));
        }
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link VaeConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.encoder = encoder;
        builder.decoder = decoder;
        builder.encoderType = encoderType;
        builder.klWeight = klWeight;
        builder.klWarmupSteps = klWarmupSteps;
        builder.likelihood = likelihood;
        builder.gaussianStd = gaussianStd;
        builder.numClasses = numClasses;
        return builder;
    }

    private VaeConfig(Builder builder) {
        this(builder.name, builder.encoder, builder.decoder, builder.encoderType, builder.klWeight,
                builder.klWarmupSteps, builder.likelihood, builder.gaussianStd, builder.numClasses);
    }

    /**
     * Builds a {@link VaeConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private EncoderConfig encoder;
        private DecoderConfig decoder;
        private EncoderType encoderType;
        private Double klWeight;
        private Integer klWarmupSteps;
        private VaeLikelihood likelihood;
        private Double gaussianStd;
        private Integer numClasses;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code encoder}: the encoder network. */
        public Builder encoder(EncoderConfig encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Sets {@code decoder}: the decoder network. */
        public Builder decoder(DecoderConfig decoder) {
            this.decoder = decoder;
            return this;
        }

        /** Sets {@code encoderType}: {@code dense} or {@code conv} (both networks). */
        public Builder encoderType(EncoderType encoderType) {
            this.encoderType = encoderType;
            return this;
        }

        /** Sets {@code klWeight}: beta of a beta-VAE: the weight of KL(q(z|x) || p(z)); default 1.0. */
        public Builder klWeight(double klWeight) {
            this.klWeight = klWeight;
            return this;
        }

        /**
         * Sets {@code klWarmupSteps}: steps over which the KL weight rises linearly from 0 to klWeight; 0 =
         * none.
         */
        public Builder klWarmupSteps(int klWarmupSteps) {
            this.klWarmupSteps = klWarmupSteps;
            return this;
        }

        /**
         * Sets {@code likelihood}: {@code bernoulli} (logits, data in [0, 1]) or {@code gaussian} (fixed
         * std).
         */
        public Builder likelihood(VaeLikelihood likelihood) {
            this.likelihood = likelihood;
            return this;
        }

        /** Sets {@code gaussianStd}: the observation noise std of the gaussian likelihood; default 1.0. */
        public Builder gaussianStd(double gaussianStd) {
            this.gaussianStd = gaussianStd;
            return this;
        }

        /**
         * Sets {@code numClasses}: 0 for an unconditional VAE; otherwise labels condition encoder and
         * decoder.
         */
        public Builder numClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public VaeConfig build() {
            return new VaeConfig(this);
        }
    }
}
