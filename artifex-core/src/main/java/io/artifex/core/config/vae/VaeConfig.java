package io.artifex.core.config.vae;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.artifex.core.config.ModelConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A variational autoencoder, as in the seed's {@code VAEConfig}. Type id {@code vae}.
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
@JsonTypeName("vae")
public record VaeConfig(
        @NotBlank String name,
        @NotNull @Valid EncoderConfig encoder,
        @NotNull @Valid DecoderConfig decoder,
        @NotNull EncoderType encoderType,
        @NotNull @PositiveOrZero Double klWeight,
        @NotNull @PositiveOrZero Integer klWarmupSteps,
        @NotNull VaeLikelihood likelihood,
        @NotNull @Positive Double gaussianStd,
        @NotNull @PositiveOrZero Integer numClasses) implements ModelConfig {

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
        this(name, encoder, decoder, encoderType, klWeight, null, null, null, null);
    }
}
