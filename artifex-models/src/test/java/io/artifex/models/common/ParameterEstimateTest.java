package io.artifex.models.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.ModelRegistry;
import io.artifex.core.registry.Models;
import io.artifex.core.registry.ParameterEstimate;
import io.artifex.models.autoregressive.PixelCnnConfig;
import io.artifex.models.autoregressive.PixelCnnInputEncoding;
import io.artifex.models.autoregressive.PixelCnnVariant;
import io.artifex.models.autoregressive.transformer.PositionEncoding;
import io.artifex.models.autoregressive.transformer.TransformerConfig;
import io.artifex.models.autoregressive.wavenet.WaveNetConfig;
import io.artifex.models.config.SeedConfigs;
import io.artifex.models.diffusion.DdpmConfig;
import io.artifex.models.diffusion.MlpDiffusionConfig;
import io.artifex.models.diffusion.NoiseScheduleConfig;
import io.artifex.models.diffusion.NoiseScheduleType;
import io.artifex.models.diffusion.UNetBackboneConfig;
import io.artifex.models.energy.EbmConfig;
import io.artifex.models.energy.EnergyNetworkConfig;
import io.artifex.models.energy.EnergyNetworkType;
import io.artifex.models.energy.McmcConfig;
import io.artifex.models.energy.SampleBufferConfig;
import io.artifex.models.flow.CouplingNetworkConfig;
import io.artifex.models.flow.GlowConfig;
import io.artifex.models.flow.MafConfig;
import io.artifex.models.flow.RealNvpConfig;
import io.artifex.models.gan.ConvDiscriminatorConfig;
import io.artifex.models.gan.ConvGeneratorConfig;
import io.artifex.models.gan.DcganConfig;
import io.artifex.models.gan.MlpGanConfig;
import io.artifex.models.gan.Padding;
import io.artifex.models.vae.DecoderConfig;
import io.artifex.models.vae.EncoderConfig;
import io.artifex.models.vae.EncoderType;
import io.artifex.models.vae.VaeConfig;
import io.artifex.models.vae.vq.VqVaeConfig;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each family's {@code estimateParameters}, computed from the config alone, against the parameter
 * count of a small model built from the same config and counted by DJL
 * ({@link GenerativeModel#parameterCount()}): an independent reference for the formula. Two or
 * three configs per family vary the switches a formula could forget (biases, batch and group norms,
 * a conditional model's label inputs, skip channels, attention levels, one-hot inputs, gated
 * layers, prior networks). The seed's reference networks, too large to build quickly, are checked
 * against their pinned counts instead (and every benchmark entry in artifex-eval's
 * {@code PinnedParameterEstimateTest}).
 *
 * <p>Planted and caught: a dense formula without biases (every family), a DCGAN formula that
 * forgets batch norm's scale and shift, a U-Net formula that forgets the skip channels of the
 * up path.
 */
class ParameterEstimateTest {

    private static final ModelRegistry REGISTRY = ModelRegistry.defaultRegistry();

    static ParameterEstimate estimate(ModelConfig config) {
        return REGISTRY.family(REGISTRY.typeIdOf(config)).orElseThrow().estimateParameters(config).orElseThrow();
    }

    static Stream<Arguments> smallConfigs() {
        return Stream.of(
                Arguments.of("vae dense", vae(EncoderType.DENSE, 0, List.of(12, 8))),
                Arguments.of("vae conv, conditional", vae(EncoderType.CONV, 3, List.of(4, 6))),
                Arguments.of("vae dense, conditional", vae(EncoderType.DENSE, 2, List.of(5))),
                Arguments.of("mlp-gan", MlpGanConfig.builder().name("g").latentDim(3).dataDim(5).generatorHiddenDims(List.of(7, 4))
                        .discriminatorHiddenDims(List.of(6)).build()),
                Arguments.of("mlp-gan conditional", MlpGanConfig.builder().name("g").latentDim(3).dataDim(5)
                        .generatorHiddenDims(List.of(7)).discriminatorHiddenDims(List.of(6, 2)).numClasses(4).build()),
                Arguments.of("dcgan batch norm", dcgan(true, 0, List.of(8, 8, 1))),
                Arguments.of("dcgan plain, conditional, odd size", dcgan(false, 3, List.of(7, 7, 3))),
                Arguments.of("ddpm", ddpm(List.of(8, 8, 1), List.of(8, 16), 1, List.of(), 0)),
                Arguments.of("ddpm attention, two blocks, conditional", ddpm(List.of(8, 8, 1), List.of(8, 16), 2, List.of(8, 4), 3)),
                Arguments.of("ddpm three levels, middle attention", ddpm(List.of(8, 8, 2), List.of(4, 8, 8), 1, List.of(2), 0)),
                Arguments.of("mlp-diffusion", MlpDiffusionConfig.builder().name("m").dataDim(3).hiddenDims(List.of(9, 5))
                        .timeEmbeddingDim(6).noiseSchedule(new NoiseScheduleConfig("s", NoiseScheduleType.LINEAR, 10)).build()),
                Arguments.of("ebm dense", ebm(6, List.of(7, 3), EnergyNetworkType.DENSE)),
                Arguments.of("ebm conv", ebm(75, List.of(4, 5), EnergyNetworkType.CONV)),
                Arguments.of("pixelcnn", pixelCnn(PixelCnnVariant.PIXELCNN, 0, PixelCnnInputEncoding.INTENSITY, 2)),
                Arguments.of("pixelcnn conditional one-hot", pixelCnn(PixelCnnVariant.PIXELCNN, 3, PixelCnnInputEncoding.ONE_HOT, 1)),
                Arguments.of("gated pixelcnn", pixelCnn(PixelCnnVariant.GATED, 0, PixelCnnInputEncoding.INTENSITY, 3)),
                Arguments.of("gated pixelcnn conditional", pixelCnn(PixelCnnVariant.GATED, 2, PixelCnnInputEncoding.ONE_HOT, 1)),
                Arguments.of("realnvp", RealNvpConfig.builder().name("r").inputDim(5).numCouplingLayers(3)
                        .couplingNetwork(new CouplingNetworkConfig("c", List.of(7, 4), ActivationType.RELU)).build()),
                Arguments.of("realnvp dequantized", RealNvpConfig.builder().name("r").inputDim(4).numCouplingLayers(2)
                        .couplingNetwork(new CouplingNetworkConfig("c", List.of(3), ActivationType.RELU)).dequantize(true)
                        .logitAlpha(0.05).build()),
                Arguments.of("maf", MafConfig.builder().name("m").inputDim(3).numLayers(3).hiddenDims(6).build()),
                Arguments.of("maf two hidden", MafConfig.builder().name("m").inputDim(4).numLayers(2).hiddenDims(List.of(9, 5)).build()),
                Arguments.of("glow", GlowConfig.builder().name("g").inputShape(4, 4, 1).numScales(2).stepsPerScale(1)
                        .checkerboardCouplings(1).hiddenChannels(4).dequantize(true).logitAlpha(0.05).build()),
                Arguments.of("glow rgb, no checkerboard", GlowConfig.builder().name("g").inputShape(4, 4, 3).numScales(1)
                        .stepsPerScale(2).checkerboardCouplings(0).hiddenChannels(5).build()),
                Arguments.of("vq-vae with prior", VqVaeConfig.builder().name("v").inputShape(List.of(8, 8, 1)).hiddenChannels(8)
                        .residualChannels(4).numResidualBlocks(1).numEmbeddings(4).embeddingDim(2).priorChannels(8)
                        .priorLayers(2).build()),
                Arguments.of("vq-vae rgb, no prior, two blocks", VqVaeConfig.builder().name("v").inputShape(List.of(8, 4, 3))
                        .hiddenChannels(6).residualChannels(3).numResidualBlocks(2).numEmbeddings(5).embeddingDim(3)
                        .priorChannels(0).build()),
                Arguments.of("transformer", TransformerConfig.builder().name("t").vocabSize(11).contextLength(6).numLayers(2)
                        .numHeads(2).width(8).mlpWidth(12).build()),
                Arguments.of("transformer rotary, untied", TransformerConfig.builder().name("t").vocabSize(9).contextLength(5)
                        .numLayers(1).numHeads(2).width(8).mlpWidth(10).positions(PositionEncoding.ROTARY).tiedEmbeddings(false)
                        .build()),
                Arguments.of("wavenet", WaveNetConfig.builder().name("w").residualChannels(5).dilationChannels(3).skipChannels(7)
                        .numLayers(3).dilationCycle(2).numLevels(6).sampleLength(8).build()),
                Arguments.of("wavenet conditional", WaveNetConfig.builder().name("w").residualChannels(4).dilationChannels(2)
                        .skipChannels(3).numLayers(2).dilationCycle(2).numLevels(5).numClasses(3).sampleLength(8).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallConfigs")
    void estimateEqualsTheBuiltModelsCount(String label, ModelConfig config) {
        ParameterEstimate estimate = estimate(config);
        try (GenerativeModel model = Models.create(config, 0)) {
            assertThat(estimate.parameters()).as(label + ": " + estimate.drivers()).isEqualTo(model.parameterCount());
        }
        assertThat(estimate.exact()).isTrue();
        assertThat(estimate.drivers()).startsWith("model.");
    }

    /** Every registered family is covered by {@link #smallConfigs()}. */
    @Test
    void everyRegisteredFamilyHasASmallConfigHere() {
        Set<String> covered = new TreeSet<>();
        smallConfigs().forEach(a -> covered.add(REGISTRY.typeIdOf((ModelConfig) a.get()[1])));
        assertThat(covered).isEqualTo(new TreeSet<>(REGISTRY.typeIds()));
    }

    /** The seed's reference networks against the counts the benchmark spec pins (not built: too slow). */
    @Test
    void seedReferenceNetworksMatchTheirPinnedCounts() {
        assertThat(estimate(SeedConfigs.vae()).parameters()).isEqualTo(517_904);
        assertThat(estimate(SeedConfigs.dcgan()).parameters()).isEqualTo(3_923_010);
        assertThat(estimate(SeedConfigs.ddpm()).parameters()).isEqualTo(2_031_425);
        assertThat(estimate(SeedConfigs.realNvp()).parameters()).isEqualTo(5_357_824);
        assertThat(estimate(SeedConfigs.ebm()).parameters()).isEqualTo(267_009);
        assertThat(estimate(SeedConfigs.pixelCnn()).parameters()).isEqualTo(118_080);
    }

    /** The replay buffer is memory, not parameters: capacity x inputDim values, named as the drivers when it dominates. */
    @Test
    void ebmReplayBufferIsCountedAsABuffer() {
        ParameterEstimate estimate = estimate(SeedConfigs.ebm());
        assertThat(estimate.bufferValues()).isEqualTo(10_000L * 784);
        assertThat(estimate.drivers()).isEqualTo("model.sampleBuffer.capacity=10000 x model.inputDim=784");
    }

    /** The largest layer is named with its config fields. */
    @Test
    void driversNameTheLargestLayersFields() {
        VaeConfig wide = vae(EncoderType.DENSE, 0, List.of(16384, 8));
        assertThat(estimate(wide).drivers()).isEqualTo(
                "model.encoder.inputShape=[8, 8, 1] (64 values) x model.encoder.hiddenDims[0]=16384");
    }

    private static VaeConfig vae(EncoderType type, int classes, List<Integer> hidden) {
        List<Integer> reversed = new java.util.ArrayList<>(hidden);
        java.util.Collections.reverse(reversed);
        return VaeConfig.builder().name("v").encoderType(type).numClasses(classes)
                .encoder(EncoderConfig.builder().name("e").inputShape(List.of(8, 8, 1)).latentDim(3).hiddenDims(hidden).build())
                .decoder(DecoderConfig.builder().name("d").latentDim(3).outputShape(List.of(8, 8, 1)).hiddenDims(reversed).build())
                .build();
    }

    private static DcganConfig dcgan(boolean batchNorm, int classes, List<Integer> hwc) {
        ConvGeneratorConfig g = ConvGeneratorConfig.builder().name("g").latentDim(5).hiddenDims(List.of(8, 4, 3))
                .outputShape(hwc).kernelSize(List.of(4, 4)).stride(List.of(2, 2)).padding(Padding.SAME)
                .activation(ActivationType.RELU).batchNorm(batchNorm).build();
        ConvDiscriminatorConfig d = ConvDiscriminatorConfig.builder().name("d").hiddenDims(List.of(3, 6)).inputShape(hwc)
                .kernelSize(List.of(4, 4)).stride(List.of(2, 2)).padding(Padding.SAME)
                .activation(ActivationType.LEAKY_RELU).batchNorm(batchNorm).build();
        return DcganConfig.builder().name("gan").generator(g).discriminator(d).numClasses(classes).build();
    }

    private static DdpmConfig ddpm(List<Integer> hwc, List<Integer> widths, int resBlocks, List<Integer> attention,
                                   int classes) {
        UNetBackboneConfig b = UNetBackboneConfig.builder().name("b").inChannels(hwc.get(2)).outChannels(hwc.get(2))
                .hiddenDims(widths).channelMult(widths.stream().map(w -> w / widths.get(0)).toList()).numResBlocks(resBlocks)
                .attentionResolutions(attention).numHeads(2).groupNormGroups(2).timeEmbeddingDim(12).build();
        return DdpmConfig.builder().name("d").inputShape(hwc).backbone(b)
                .noiseSchedule(new NoiseScheduleConfig("s", NoiseScheduleType.LINEAR, 10)).numClasses(classes).build();
    }

    private static EbmConfig ebm(int inputDim, List<Integer> widths, EnergyNetworkType type) {
        return EbmConfig.builder().name("ebm").inputDim(inputDim)
                .energyNetwork(EnergyNetworkConfig.builder().name("e").hiddenDims(widths).activation(ActivationType.SILU)
                        .networkType(type).build())
                .mcmc(new McmcConfig("mcmc", 2, 0.01))
                .sampleBuffer(SampleBufferConfig.builder().name("buffer").capacity(16).build()).build();
    }

    private static PixelCnnConfig pixelCnn(PixelCnnVariant variant, int classes, PixelCnnInputEncoding encoding,
                                           int channels) {
        PixelCnnConfig.Builder builder = PixelCnnConfig.builder().name("p").inputShape(List.of(6, 5, channels))
                .hiddenChannels(8).numLayers(3).numLevels(4).variant(variant).numClasses(classes).inputEncoding(encoding);
        return (variant == PixelCnnVariant.GATED ? builder : builder.residualChannels(3)).build();
    }
}
