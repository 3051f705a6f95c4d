package io.artifex.models.config;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ModelConfig;
import io.artifex.models.autoregressive.PixelCnnConfig;
import io.artifex.models.diffusion.DdpmConfig;
import io.artifex.models.diffusion.NoiseScheduleConfig;
import io.artifex.models.diffusion.NoiseScheduleType;
import io.artifex.models.diffusion.UNetBackboneConfig;
import io.artifex.models.energy.EbmConfig;
import io.artifex.models.energy.EnergyNetworkConfig;
import io.artifex.models.energy.McmcConfig;
import io.artifex.models.energy.SampleBufferConfig;
import io.artifex.models.flow.CouplingNetworkConfig;
import io.artifex.models.flow.RealNvpConfig;
import io.artifex.models.gan.ConvDiscriminatorConfig;
import io.artifex.models.gan.ConvGeneratorConfig;
import io.artifex.models.gan.DcganConfig;
import io.artifex.models.gan.Padding;
import io.artifex.models.vae.DecoderConfig;
import io.artifex.models.vae.EncoderConfig;
import io.artifex.models.vae.EncoderType;
import io.artifex.models.vae.VaeConfig;
import java.util.List;

/** The six example configs of the seed's core-concepts page, written in Java with the same values. */
public final class SeedConfigs {

    private SeedConfigs() {
    }

    /** {@code VAEConfig(name="beta_vae", encoder=..., decoder=..., encoder_type="dense", kl_weight=1.0)}. */
    public static VaeConfig vae() {
        EncoderConfig encoder = new EncoderConfig("encoder", List.of(28, 28, 1), 128, List.of(256, 128), ActivationType.RELU);
        DecoderConfig decoder = new DecoderConfig("decoder", 128, List.of(28, 28, 1), List.of(128, 256), ActivationType.RELU);
        return new VaeConfig("beta_vae", encoder, decoder, EncoderType.DENSE, 1.0);
    }

    /** {@code DCGANConfig(name="dcgan", generator=..., discriminator=...)}. */
    public static DcganConfig dcgan() {
        ConvGeneratorConfig generator = new ConvGeneratorConfig("generator", 100, List.of(512, 256, 128, 64),
                List.of(28, 28, 1), List.of(4, 4), List.of(2, 2), Padding.SAME, ActivationType.RELU);
        ConvDiscriminatorConfig discriminator = new ConvDiscriminatorConfig("discriminator", List.of(64, 128, 256, 512),
                List.of(28, 28, 1), List.of(4, 4), List.of(2, 2), Padding.SAME, ActivationType.LEAKY_RELU);
        return new DcganConfig("dcgan", generator, discriminator);
    }

    /** {@code DDPMConfig(name="ddpm", input_shape=(28, 28, 1), backbone=..., noise_schedule=...)}. */
    public static DdpmConfig ddpm() {
        UNetBackboneConfig backbone = new UNetBackboneConfig("backbone", 1, 1, List.of(64, 128), List.of(1, 2),
                ActivationType.SILU);
        NoiseScheduleConfig schedule = new NoiseScheduleConfig("schedule", NoiseScheduleType.COSINE, 1000);
        return new DdpmConfig("ddpm", List.of(28, 28, 1), backbone, schedule);
    }

    /** {@code RealNVPConfig(name="realnvp", input_dim=784, num_coupling_layers=8, coupling_network=...)}. */
    public static RealNvpConfig realNvp() {
        CouplingNetworkConfig coupling = new CouplingNetworkConfig("coupling", List.of(256, 256), ActivationType.RELU);
        return new RealNvpConfig("realnvp", 784, 8, coupling);
    }

    /** {@code EBMConfig(name="ebm", input_dim=784, energy_network=..., mcmc=..., sample_buffer=...)}. */
    public static EbmConfig ebm() {
        EnergyNetworkConfig energy = new EnergyNetworkConfig("energy_net", List.of(256, 256), ActivationType.fromId("swish"));
        McmcConfig mcmc = new McmcConfig("mcmc", 60, 0.01);
        SampleBufferConfig buffer = new SampleBufferConfig("buffer", 10000);
        return new EbmConfig("ebm", 784, energy, mcmc, buffer);
    }

    /** {@code PixelCNNConfig(name="pixelcnn", image_shape=(28, 28, 1), hidden_channels=64, num_layers=8)}. */
    public static PixelCnnConfig pixelCnn() {
        return new PixelCnnConfig("pixelcnn", List.of(28, 28, 1), 64, 8);
    }

    /** All six, VAE first. */
    public static List<ModelConfig> all() {
        return List.of(vae(), dcgan(), ddpm(), realNvp(), ebm(), pixelCnn());
    }
}
