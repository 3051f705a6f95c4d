package io.artifex.models.config;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ConfigValidationException;
import io.artifex.core.config.ConfigValidator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.models.autoregressive.PixelCnnConfig;
import io.artifex.models.autoregressive.PixelCnnInputEncoding;
import io.artifex.models.autoregressive.PixelCnnVariant;
import io.artifex.models.autoregressive.transformer.PositionEncoding;
import io.artifex.models.autoregressive.transformer.TransformerConfig;
import io.artifex.models.diffusion.DdpmConfig;
import io.artifex.models.diffusion.NoiseScheduleConfig;
import io.artifex.models.diffusion.NoiseScheduleType;
import io.artifex.models.diffusion.UNetBackboneConfig;
import io.artifex.models.energy.EbmConfig;
import io.artifex.models.energy.McmcConfig;
import io.artifex.models.energy.SampleBufferConfig;
import io.artifex.models.flow.CouplingNetworkConfig;
import io.artifex.models.flow.RealNvpConfig;
import io.artifex.models.flow.GlowConfig;
import io.artifex.models.gan.ConvDiscriminatorConfig;
import io.artifex.models.gan.ConvGeneratorConfig;
import io.artifex.models.gan.DcganConfig;
import io.artifex.models.gan.GanLoss;
import io.artifex.models.gan.Padding;
import io.artifex.models.vae.DecoderConfig;
import io.artifex.models.vae.EncoderConfig;
import io.artifex.models.vae.EncoderType;
import io.artifex.models.vae.VaeConfig;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of broken configs, one per row, each with the exact {@code path: rule} lines the
 * validator must report: field constraints, nested and container paths, cross-field rules.
 */
class ConfigValidationTest {

    private static final ActivationType RELU = ActivationType.RELU;

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                // --- VAE
                row("vae: decoder latent size differs", vae(enc(List.of(28, 28, 1), 128, List.of(256, 128)),
                                dec(64, List.of(28, 28, 1), List.of(128, 256)), EncoderType.DENSE),
                        "decoder.latentDim: must equal encoder.latentDim (128), got 64"),
                row("vae: output shape differs", vae(enc(List.of(28, 28, 1), 128, List.of(256)),
                                dec(128, List.of(32, 32, 1), List.of(256)), EncoderType.DENSE),
                        "decoder.outputShape: must equal encoder.inputShape ([28, 28, 1]), got [32, 32, 1]"),
                row("vae: conv needs 28 divisible by 2^3", vae(enc(List.of(28, 28, 1), 16, List.of(32, 64, 128)),
                                dec(16, List.of(28, 28, 1), List.of(128, 64, 32)), EncoderType.CONV),
                        "decoder.outputShape: height and width must be divisible by 8 (2^3 for the 3 stride-2 layers"
                                + " of decoder.hiddenDims) for a conv VAE, got 28x28",
                        "encoder.inputShape: height and width must be divisible by 8 (2^3 for the 3 stride-2 layers"
                                + " of encoder.hiddenDims) for a conv VAE, got 28x28"),
                row("vae: negative hidden width", vae(enc(List.of(28, 28, 1), 128, List.of(256, -5)),
                                dec(128, List.of(28, 28, 1), List.of(128, 256)), EncoderType.DENSE),
                        "encoder.hiddenDims[1]: must be greater than 0"),
                row("vae: two-entry input shape", vae(enc(List.of(28, 28), 128, List.of(256)),
                                dec(128, List.of(28, 28, 1), List.of(256)), EncoderType.DENSE),
                        "decoder.outputShape: must equal encoder.inputShape ([28, 28]), got [28, 28, 1]",
                        "encoder.inputShape: must have 3 entries (height, width, channels)"),
                row("vae: shapes written (channels, height, width)", vae(enc(List.of(1, 28, 28), 128, List.of(256)),
                                dec(128, List.of(1, 28, 28), List.of(256)), EncoderType.DENSE),
                        "decoder.outputShape: looks like (channels, height, width) [1, 28, 28]; (height, width,"
                                + " channels) expected, e.g. [28, 28, 1]",
                        "encoder.inputShape: looks like (channels, height, width) [1, 28, 28]; (height, width,"
                                + " channels) expected, e.g. [28, 28, 1]"),
                row("vae: negative kl weight", withVae(-1.0, 0, 0),
                        "klWeight: must be greater than or equal to 0"),
                row("vae: negative classes", withVae(1.0, 0, -1),
                        "numClasses: must be greater than or equal to 0"),
                row("vae: missing encoder", VaeConfig.builder().name("v").decoder(SeedConfigs.vae().decoder())
                        .klWeight(1.0).build(),
                        "encoder: must not be null"),
                // --- DCGAN
                row("dcgan: zero generator width", gan(gen(List.of(512, 0), List.of(28, 28, 1), List.of(4, 4)),
                                disc(List.of(28, 28, 1), true), null),
                        "generator.hiddenDims[1]: must be greater than 0"),
                row("dcgan: discriminator reads another shape", gan(gen(List.of(64), List.of(28, 28, 1), List.of(4, 4)),
                                disc(List.of(32, 32, 3), true), null),
                        "discriminator.inputShape: must equal generator.outputShape ([28, 28, 1]), got [32, 32, 3]"),
                row("dcgan: shapes written (channels, height, width)",
                        gan(gen(List.of(64), List.of(1, 28, 28), List.of(4, 4)), disc(List.of(1, 28, 28), false), null),
                        "discriminator.inputShape: looks like (channels, height, width) [1, 28, 28]; (height, width,"
                                + " channels) expected, e.g. [28, 28, 1]",
                        "generator.outputShape: looks like (channels, height, width) [1, 28, 28]; (height, width,"
                                + " channels) expected, e.g. [28, 28, 1]"),
                row("dcgan: wgan-gp with batch norm", gan(gen(List.of(64), List.of(28, 28, 1), List.of(4, 4)),
                                disc(List.of(28, 28, 1), true), GanLoss.WASSERSTEIN_GP),
                        "discriminator.batchNorm: must be false with loss wasserstein_gp (the gradient penalty is per sample)"),
                row("dcgan: one-entry kernel", gan(gen(List.of(64), List.of(28, 28, 1), List.of(4)),
                                disc(List.of(28, 28, 1), false), null),
                        "generator.kernelSize: must have 2 entries (height, width)"),
                row("dcgan: no critic steps", DcganConfig.builder().name("g")
                        .generator(SeedConfigs.dcgan().generator()).discriminator(SeedConfigs.dcgan().discriminator())
                        .nCritic(0).build(),
                        "nCritic: must be greater than 0"),
                // --- DDPM
                row("ddpm: backbone channels differ from the image", ddpm(List.of(28, 28, 1),
                                unet(3, 1, List.of(64, 128), List.of(1, 2), null), defaultSchedule()),
                        "backbone.inChannels: must equal inputShape[2] (channels) (1), got 3",
                        "backbone.outChannels: must equal inChannels (3), got 1"),
                row("ddpm: image shape written (channels, height, width)", ddpm(List.of(1, 28, 28),
                                unet(1, 1, List.of(64, 128), List.of(1, 2), null), defaultSchedule()),
                        "inputShape: looks like (channels, height, width) [1, 28, 28]; (height, width, channels)"
                                + " expected, e.g. [28, 28, 1]"),
                row("ddpm: width not divisible by groups", ddpm(List.of(28, 28, 1),
                                unet(1, 1, List.of(60, 120), List.of(1, 2), null), defaultSchedule()),
                        "backbone.hiddenDims[0]: must be divisible by groupNormGroups (8), got 60"),
                row("ddpm: betas decrease", ddpm(List.of(28, 28, 1),
                                unet(1, 1, List.of(64, 128), List.of(1, 2), null), schedule(0.05, 0.02)),
                        "noiseSchedule.betaEnd: must be greater than betaStart (0.05), got 0.02"),
                row("ddpm: beta not a probability", ddpm(List.of(28, 28, 1),
                                unet(1, 1, List.of(64, 128), List.of(1, 2), null), schedule(null, 1.5)),
                        "noiseSchedule.betaEnd: must be less than 1"),
                row("ddpm: 30 pixels through 3 levels", ddpm(List.of(30, 30, 1),
                                unet(1, 1, List.of(64, 128, 256), List.of(1, 2, 4), List.of()), defaultSchedule()),
                        "inputShape: height and width must be divisible by 4 (2^(levels - 1) for the 3 levels of"
                                + " backbone.hiddenDims), got 30x30"),
                row("ddpm: channel multipliers disagree", ddpm(List.of(28, 28, 1),
                                unet(1, 1, List.of(64, 128), List.of(1, 3), null), defaultSchedule()),
                        "backbone.channelMult[1]: must equal hiddenDims[1] / hiddenDims[0] (128 / 64), got 3"),
                row("ddpm: attention at a missing level", ddpm(List.of(28, 28, 1),
                                unet(1, 1, List.of(64, 128), List.of(1, 2), List.of(7)), defaultSchedule()),
                        "backbone.attentionResolutions[0]: must be one of the level resolutions [28, 14], got 7"),
                row("ddpm: label dropout of 1", DdpmConfig.builder().name("d").inputShape(List.of(28, 28, 1))
                        .backbone(SeedConfigs.ddpm().backbone()).noiseSchedule(SeedConfigs.ddpm().noiseSchedule())
                        .numClasses(10).labelDropout(1.0).build(),
                        "labelDropout: must be less than 1"),
                // --- RealNVP
                row("realnvp: a single coupling layer", new RealNvpConfig("f", 784, 1, SeedConfigs.realNvp().couplingNetwork()),
                        "numCouplingLayers: must be at least 2 so that every dimension is transformed"),
                row("realnvp: logit alpha of one half", new RealNvpConfig("f", 784, 8,
                                SeedConfigs.realNvp().couplingNetwork(), true, 0.5),
                        "logitAlpha: must be less than 0.5"),
                row("realnvp: coupling net without layers", new RealNvpConfig("f", 784, 8,
                                new CouplingNetworkConfig("c", List.of(), RELU)),
                        "couplingNetwork.hiddenDims: must not be empty"),
                // --- EBM
                row("ebm: empty sampling domain", ebm(McmcConfig.builder().name("m").nSteps(60).stepSize(0.01)
                        .domainMin(1.0).domainMax(-1.0).build(),
                                new SampleBufferConfig("b", 100)),
                        "mcmc.domainMax: must be greater than domainMin (1.0), got -1.0"),
                row("ebm: re-init probability above 1", ebm(new McmcConfig("m", 60, 0.01),
                                new SampleBufferConfig("b", 100, 1.5)),
                        "sampleBuffer.reinitProb: must be less than or equal to 1"),
                row("ebm: zero step size", ebm(new McmcConfig("m", 60, 0.0), new SampleBufferConfig("b", 100)),
                        "mcmc.stepSize: must be greater than 0"),
                // --- PixelCNN
                row("pixelcnn: one layer", new PixelCnnConfig("p", List.of(28, 28, 1), 64, 1),
                        "numLayers: must be at least 2 (one type-A layer, then type-B layers)"),
                row("pixelcnn: bottleneck wider than the layers", PixelCnnConfig.builder().name("p")
                        .inputShape(List.of(28, 28, 1)).hiddenChannels(64).numLayers(8).variant(PixelCnnVariant.GATED)
                        .residualChannels(128).build(),
                        "residualChannels: must be at most hiddenChannels (64), got 128"),
                row("pixelcnn: one-hot input wider than the width limit", PixelCnnConfig.builder().name("p")
                        .inputShape(List.of(8, 8, 3)).hiddenChannels(16).numLayers(2).numLevels(8192)
                        .inputEncoding(PixelCnnInputEncoding.ONE_HOT).build(),
                        "inputEncoding: oneHot needs channels x numLevels = 3 x 8192 input channels, more than 16384;"
                                + " use intensity or fewer levels"),
                row("pixelcnn: two-entry image shape", new PixelCnnConfig("p", List.of(28, 28), 64, 8),
                        "inputShape: must have 3 entries (height, width, channels)"),
                row("pixelcnn: image shape written (channels, height, width)",
                        new PixelCnnConfig("p", List.of(3, 32, 32), 64, 8),
                        "inputShape: looks like (channels, height, width) [3, 32, 32]; (height, width, channels)"
                                + " expected, e.g. [32, 32, 3]"),
                row("glow: image shape written (channels, height, width)",
                        new GlowConfig("g", List.of(1, 28, 28), 2, 1, 8),
                        "inputShape: looks like (channels, height, width) [1, 28, 28]; (height, width, channels)"
                                + " expected, e.g. [28, 28, 1]"),
                row("pixelcnn: one intensity level", PixelCnnConfig.builder().name("p").inputShape(List.of(28, 28, 1))
                        .hiddenChannels(64).numLayers(8).numClasses(0).numLevels(1).build(),
                        "numLevels: must be greater than or equal to 2"),
                // --- Transformer
                row("transformer: heads do not divide the width", lm().numHeads(3).build(),
                        "width: must be divisible by numHeads (3), got 256"),
                row("transformer: rotary with an odd head width", lm().numHeads(4).width(20)
                        .positions(PositionEncoding.ROTARY).build(),
                        "positions: rotary needs an even head width (width / numHeads), got 5"),
                row("transformer: pad id outside the vocabulary", lm().padTokenId(4096).build(),
                        "padTokenId: must be an id of the vocabulary, below vocabSize (4096), got 4096"),
                row("transformer: pad id is the end-of-text id", lm().padTokenId(0).build(),
                        "padTokenId: must differ from endOfTextTokenId (0): padding is never scored or sampled,"
                                + " the end of a text is"),
                row("transformer: dropout of 1", lm().dropout(1.0).build(), "dropout: must be less than 1"),
                row("transformer: a one-id vocabulary", lm().vocabSize(1).build(),
                        "vocabSize: must be greater than or equal to 2"));
    }

    private static TransformerConfig.Builder lm() {
        return TransformerConfig.builder().name("lm").vocabSize(4096).contextLength(256).numLayers(4).numHeads(4)
                .width(256);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigs")
    void reportsExactlyTheseViolations(String description, Object config, List<String> expected) {
        assertThat(ConfigValidator.violations(config)).containsExactlyElementsOf(expected);
        assertThatThrownBy(() -> ConfigValidator.requireValid(config))
                .isInstanceOf(ConfigValidationException.class)
                .satisfies(e -> assertThat(((ConfigValidationException) e).violations()).isEqualTo(expected));
    }

    @Test
    void aConfigWithSeveralFaultsListsAllOfThem() {
        VaeConfig broken = VaeConfig.builder().name("")
                .encoder(enc(List.of(28, 28, 1), 128, Arrays.asList(256, null)))
                .decoder(dec(64, List.of(28, 28, 1), List.of(128, 0))).encoderType(EncoderType.DENSE).klWeight(-0.5)
                .klWarmupSteps(-3).gaussianStd(0.0).build();
        List<String> expected = List.of(
                "decoder.hiddenDims[1]: must be greater than 0",
                "decoder.latentDim: must equal encoder.latentDim (128), got 64",
                "encoder.hiddenDims[1]: must not be null",
                "gaussianStd: must be greater than 0",
                "klWarmupSteps: must be greater than or equal to 0",
                "klWeight: must be greater than or equal to 0",
                "name: must not be blank");
        assertThat(ConfigValidator.violations(broken)).isEqualTo(expected);
        assertThatThrownBy(() -> ConfigValidator.requireValid(broken))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessage("invalid VaeConfig '' configuration:\n  - " + String.join("\n  - ", expected));
    }

    @Test
    void aNestedRecordIsCheckedOnItsOwnWithRelativePaths() {
        assertThat(ConfigValidator.violations(new NoiseScheduleConfig("s", NoiseScheduleType.LINEAR, 1000, 0.3, 0.2)))
                .containsExactly("betaEnd: must be greater than betaStart (0.3), got 0.2");
    }

    @Test
    void requireValidReturnsAValidConfigUnchanged() {
        VaeConfig config = SeedConfigs.vae();
        assertThat(ConfigValidator.requireValid(config)).isSameAs(config);
    }

    // ---- builders for the table

    private static Arguments row(String description, Object config, String... expected) {
        return Arguments.of(description, config, List.of(expected));
    }

    private static EncoderConfig enc(List<Integer> shape, int latent, List<Integer> hidden) {
        return new EncoderConfig("encoder", shape, latent, hidden, RELU);
    }

    private static DecoderConfig dec(int latent, List<Integer> shape, List<Integer> hidden) {
        return new DecoderConfig("decoder", latent, shape, hidden, RELU);
    }

    private static VaeConfig vae(EncoderConfig encoder, DecoderConfig decoder, EncoderType type) {
        return new VaeConfig("v", encoder, decoder, type, 1.0);
    }

    private static VaeConfig withVae(double klWeight, int warmup, int classes) {
        VaeConfig seed = SeedConfigs.vae();
        return VaeConfig.builder().name("v").encoder(seed.encoder()).decoder(seed.decoder()).klWeight(klWeight)
                .klWarmupSteps(warmup).numClasses(classes).build();
    }

    private static ConvGeneratorConfig gen(List<Integer> hidden, List<Integer> shape, List<Integer> kernel) {
        return new ConvGeneratorConfig("g", 100, hidden, shape, kernel, List.of(2, 2), Padding.SAME, RELU);
    }

    private static ConvDiscriminatorConfig disc(List<Integer> shape, boolean batchNorm) {
        return ConvDiscriminatorConfig.builder().name("d").hiddenDims(List.of(64, 128)).inputShape(shape)
                .batchNorm(batchNorm).build();
    }

    private static DcganConfig gan(ConvGeneratorConfig g, ConvDiscriminatorConfig d, GanLoss loss) {
        return DcganConfig.builder().name("gan").generator(g).discriminator(d).loss(loss).build();
    }

    private static UNetBackboneConfig unet(int in, int out, List<Integer> hidden, List<Integer> mult, List<Integer> attention) {
        return UNetBackboneConfig.builder().name("u").inChannels(in).outChannels(out).hiddenDims(hidden)
                .channelMult(mult).attentionResolutions(attention).build();
    }

    /** The linear schedule with its default betas. */
    private static NoiseScheduleConfig defaultSchedule() {
        return NoiseScheduleConfig.builder().name("s").scheduleType(NoiseScheduleType.LINEAR).numTimesteps(1000).build();
    }

    private static NoiseScheduleConfig schedule(Double betaStart, Double betaEnd) {
        return new NoiseScheduleConfig("s", NoiseScheduleType.LINEAR, 1000, betaStart, betaEnd);
    }

    private static DdpmConfig ddpm(List<Integer> shape, UNetBackboneConfig backbone, NoiseScheduleConfig schedule) {
        return new DdpmConfig("d", shape, backbone, schedule);
    }

    @Test
    void withStepSizeAndWithMcmcChangeOnlyTheirField() {
        McmcConfig mcmc = McmcConfig.builder().name("m").nSteps(60).stepSize(0.01).noiseScale(0.02).gradClip(0.5)
                .domainMin(0.0).domainMax(1.0).leapfrogSteps(7).build();
        McmcConfig faster = mcmc.withStepSize(2.0);
        assertThat(faster.stepSize()).isEqualTo(2.0);
        assertThat(faster.withStepSize(0.01)).isEqualTo(mcmc);
        EbmConfig ebm = ebm(mcmc, new SampleBufferConfig("b", 100));
        EbmConfig changed = ebm.withMcmc(faster);
        assertThat(changed.mcmc()).isEqualTo(faster);
        assertThat(changed.withMcmc(mcmc)).isEqualTo(ebm);
    }

    private static EbmConfig ebm(McmcConfig mcmc, SampleBufferConfig buffer) {
        return new EbmConfig("e", 784, SeedConfigs.ebm().energyNetwork(), mcmc, buffer);
    }
}
