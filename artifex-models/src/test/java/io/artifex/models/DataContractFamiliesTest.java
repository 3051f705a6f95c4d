package io.artifex.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.DataContractException;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.Models;
import io.artifex.data.toy.ToyBatchSource;
import io.artifex.data.toy.TwoMoons;
import io.artifex.models.autoregressive.PixelCnnConfig;
import io.artifex.models.diffusion.DdpmConfig;
import io.artifex.models.diffusion.MlpDiffusionConfig;
import io.artifex.models.diffusion.NoiseScheduleConfig;
import io.artifex.models.diffusion.NoiseScheduleType;
import io.artifex.models.diffusion.UNetBackboneConfig;
import io.artifex.models.energy.EbmConfig;
import io.artifex.models.energy.EnergyNetworkConfig;
import io.artifex.models.energy.McmcConfig;
import io.artifex.models.energy.McmcSampler;
import io.artifex.models.energy.SampleBufferConfig;
import io.artifex.models.flow.CouplingNetworkConfig;
import io.artifex.models.flow.MafConfig;
import io.artifex.models.flow.RealNvpConfig;
import io.artifex.models.gan.ConvDiscriminatorConfig;
import io.artifex.models.gan.ConvGeneratorConfig;
import io.artifex.models.gan.DcganConfig;
import io.artifex.models.gan.GanLoss;
import io.artifex.models.gan.MlpGanConfig;
import io.artifex.models.gan.Padding;
import io.artifex.models.vae.DecoderConfig;
import io.artifex.models.vae.EncoderConfig;
import io.artifex.models.vae.EncoderType;
import io.artifex.models.vae.VaeConfig;
import io.artifex.models.vae.VaeLikelihood;
import io.artifex.training.Trainer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every family's declared data contract (the table of docs/data.md): a batch in the family's
 * range passes, a batch prepared for another family is refused with the preprocessing to use.
 * The batches are built here from their definitions (x/255, x/127.5 - 1, (x + u)/256), not
 * through the data module's transforms.
 */
class DataContractFamiliesTest {

    private static final EncoderConfig ENCODER = new EncoderConfig("e", List.of(4, 4, 1), 2, List.of(8), ActivationType.RELU);
    private static final DecoderConfig DECODER = new DecoderConfig("d", 2, List.of(4, 4, 1), List.of(8), ActivationType.RELU);
    private static final NoiseScheduleConfig SCHEDULE = new NoiseScheduleConfig("s", NoiseScheduleType.COSINE, 20);

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** 8-bit pixel values 0..255 for {@code n} examples of {@code perExample} values, including 0 and 255. */
    private static int[] pixels(int n, int perExample, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] p = new int[n * perExample];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextInt(256);
        }
        p[0] = 0;
        p[1] = 255;
        return p;
    }

    private NDArray scaled01(Shape shape) {
        int[] p = pixels((int) shape.get(0), (int) (shape.size() / shape.get(0)), 1);
        float[] v = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = p[i] / 255f;
        }
        return manager.create(v, shape);
    }

    private NDArray scaled11(Shape shape) {
        int[] p = pixels((int) shape.get(0), (int) (shape.size() / shape.get(0)), 2);
        float[] v = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = p[i] / 127.5f - 1f;
        }
        return manager.create(v, shape);
    }

    private NDArray dequantised(Shape shape) {
        int[] p = pixels((int) shape.get(0), (int) (shape.size() / shape.get(0)), 3);
        SplittableRandom r = new SplittableRandom(4);
        float[] v = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = (float) ((p[i] + r.nextDouble() * 0.999) / 256);
        }
        return manager.create(v, shape);
    }

    private static void accepts(GenerativeModel model, NDArray batch) {
        assertThat(model.dataContract().mismatch(batch)).as(model.dataContract().toString()).isEmpty();
    }

    private static void refuses(GenerativeModel model, NDArray batch, String... fragments) {
        assertThatThrownBy(() -> DataContract.requireMatch(model, batch, "the first training batch"))
                .isInstanceOf(DataContractException.class)
                .hasMessageContaining("'" + model.config().name() + "'")
                .hasMessageContainingAll(fragments);
    }

    /** Every parameter array (the energy network's weights and the replay buffer), copied to the host. */
    private static List<float[]> weights(GenerativeModel model) {
        return model.network().getParameters().values().stream().map(p -> p.getArray().toFloatArray()).toList();
    }

    private static GenerativeModel create(ModelConfig config) {
        return Models.create(config, 0L);
    }

    @Test
    void bernoulliVaeReadsZeroOneAndRefusesSymmetricDataNamingBinarize() {
        try (GenerativeModel vae = create(new VaeConfig("bernoulli", ENCODER, DECODER, EncoderType.DENSE, 1.0))) {
            Shape shape = new Shape(6, 1, 4, 4);
            accepts(vae, scaled01(shape));
            accepts(vae, scaled01(new Shape(6, 16)));
            refuses(vae, scaled11(shape), "expects values in [0, 1]", "outside [0, 1]", "'binarize' or 'scale01'",
                    "Transforms.binarise()");
            refuses(vae, scaled01(new Shape(6, 1, 5, 5)), "examples of shape (1, 4, 4)", "25 values per example, not 16");
        }
    }

    @Test
    void gaussianVaeReadsAnyRealValues() {
        VaeConfig config = new VaeConfig("gaussian", ENCODER, DECODER, EncoderType.DENSE, 1.0, 0, VaeLikelihood.GAUSSIAN,
                1.0, 0);
        try (GenerativeModel vae = create(config)) {
            accepts(vae, scaled11(new Shape(6, 1, 4, 4)));
            accepts(vae, scaled11(new Shape(6, 1, 4, 4)).mul(40f));
            assertThat(vae.dataContract().isBounded()).isFalse();
        }
    }

    @Test
    void dcganWithTanhReadsSymmetricDataAndWithSigmoidZeroOne() {
        ConvDiscriminatorConfig d = new ConvDiscriminatorConfig("d", List.of(4, 8), List.of(12, 12, 1), List.of(4, 4),
                List.of(2, 2), Padding.SAME, ActivationType.LEAKY_RELU);
        ConvGeneratorConfig tanh = new ConvGeneratorConfig("g", 8, List.of(16, 8, 4), List.of(12, 12, 1), List.of(4, 4),
                List.of(2, 2), Padding.SAME, ActivationType.RELU);
        Shape shape = new Shape(4, 1, 12, 12);
        try (GenerativeModel gan = create(new DcganConfig("dcgan-tanh", tanh, d))) {
            accepts(gan, scaled11(shape));
            refuses(gan, scaled01(shape), "expects values in [-1, 1]", "none below 0", "'scale11'",
                    "Transforms.scaleToSymmetric()");
        }
        ConvGeneratorConfig sigmoid = new ConvGeneratorConfig("g", 8, List.of(16, 8, 4), List.of(12, 12, 1),
                List.of(4, 4), List.of(2, 2), Padding.SAME, ActivationType.RELU, true, ActivationType.SIGMOID);
        try (GenerativeModel gan = create(new DcganConfig("dcgan-sigmoid", sigmoid, d))) {
            accepts(gan, scaled01(shape));
            refuses(gan, scaled11(shape), "outside [0, 1]", "'scale01'", "Transforms.scaleTo01()");
        }
    }

    @Test
    void ddpmReadsSymmetricDataAndRefusesZeroOneNamingScale11() {
        UNetBackboneConfig backbone = new UNetBackboneConfig("u", 1, 1, List.of(8, 16), List.of(1, 2), ActivationType.SILU,
                1, List.of(), 2, 4, 16);
        try (GenerativeModel ddpm = create(new DdpmConfig("ddpm", List.of(8, 8, 1), backbone, SCHEDULE))) {
            Shape shape = new Shape(4, 1, 8, 8);
            accepts(ddpm, scaled11(shape));
            refuses(ddpm, scaled01(shape), "expects values in [-1, 1]", "has values in [0, 1]", "none below 0",
                    "'scale11'", "Transforms.scaleToSymmetric()", "preprocessing: auto");
            refuses(ddpm, scaled11(new Shape(4, 3, 8, 8)), "examples of shape (1, 8, 8)");
        }
    }

    @Test
    void vectorFamiliesReadAnyRealValuesOfTheirDimension() {
        List<ModelConfig> configs = List.of(
                new MlpGanConfig("mlp-gan", 4, 2, List.of(8), List.of(8), GanLoss.NON_SATURATING),
                new MlpDiffusionConfig("mlp-diffusion", 2, List.of(8), SCHEDULE),
                new MafConfig("maf", 2, 1, List.of(8)),
                new RealNvpConfig("continuous-nvp", 2, 2, new CouplingNetworkConfig("c", List.of(8), ActivationType.RELU),
                        false, 0.05));
        NDArray points = manager.create(new float[] {-3.5f, 7f, 0.2f, -0.1f}, new Shape(2, 2));
        for (ModelConfig config : configs) {
            try (GenerativeModel model = create(config)) {
                assertThat(model.dataContract().isBounded()).as(config.name()).isFalse();
                accepts(model, points);
                refuses(model, manager.zeros(new Shape(2, 3)), "examples of shape (2)");
            }
        }
    }

    @Test
    void ebmReadsItsMcmcDomain() {
        EnergyNetworkConfig energy = new EnergyNetworkConfig("e", List.of(8), ActivationType.SILU);
        SampleBufferConfig buffer = new SampleBufferConfig("b", 16);
        try (GenerativeModel ebm = create(new EbmConfig("ebm", 16, energy, new McmcConfig("m", 2, 0.01), buffer))) {
            accepts(ebm, scaled11(new Shape(4, 16)));
            refuses(ebm, scaled01(new Shape(4, 16)), "expects values in [-1, 1]", "none below 0", "'scale11'");
        }
        McmcConfig wide = new McmcConfig("m", 2, 0.01, 0.005, 0.03, -2.0, 2.0, McmcSampler.LANGEVIN, 10);
        try (GenerativeModel ebm = create(new EbmConfig("ebm-wide", 2, energy, wide, buffer))) {
            accepts(ebm, manager.create(new float[] {-1.9f, 2f, 0.5f, -0.3f}, new Shape(2, 2)));
            refuses(ebm, manager.create(new float[] {-1.9f, 2.5f, 0.5f, -0.3f}, new Shape(2, 2)),
                    "expects values in [-2, 2]", "outside [-2, 2]", "Scale the data into this range yourself");
        }
    }

    @Test
    void imageFlowReadsDequantisedPixelsAndRefusesScale01NamingDequantize() {
        RealNvpConfig config = new RealNvpConfig("nvp", 16, 2, new CouplingNetworkConfig("c", List.of(8), ActivationType.RELU));
        try (GenerativeModel flow = create(config)) {
            accepts(flow, dequantised(new Shape(4, 16)));
            refuses(flow, scaled01(new Shape(4, 16)), "dequantised 8-bit values", "every value on the 8-bit grid",
                    "'dequantize'", "Transforms.dequantise()");
            refuses(flow, scaled11(new Shape(4, 16)), "outside [0, 1]", "'dequantize'");
        }
    }

    @Test
    void pixelCnnReadsDiscreteLevelsAndRefusesDequantisedPixels() {
        try (GenerativeModel pixelCnn = create(new PixelCnnConfig("pixelcnn", List.of(4, 4, 1), 8, 2))) {
            Shape shape = new Shape(4, 1, 4, 4);
            accepts(pixelCnn, scaled01(shape));
            refuses(pixelCnn, dequantised(shape), "discrete values k / 255", "off the levels k / 255", "'scale01'");
            assertThat(pixelCnn.dataContract().kind()).isEqualTo(DataContract.Kind.DISCRETE);
            assertThat(pixelCnn.dataContract().levels()).isEqualTo(256);
        }
    }

    @Test
    void trainerRefusesAnEbmOnDataOutsideItsDomainBeforeAnyUpdate() {
        EbmConfig config = new EbmConfig("ebm-moons", 2, new EnergyNetworkConfig("e", List.of(8), ActivationType.SILU),
                new McmcConfig("m", 2, 0.01), new SampleBufferConfig("b", 16));
        TrainerConfig trainer = TrainerConfig.of(1, 16, 0L, OptimizerConfig.of(OptimizerType.ADAM, 1e-2));
        try (GenerativeModel ebm = create(config)) {
            List<float[]> before = weights(ebm);
            // two moons span about [-1, 2] x [-0.5, 1]: outside the default domain [-1, 1]
            assertThatThrownBy(() -> new Trainer(trainer, List.of())
                    .fit(ebm, new ToyBatchSource(new TwoMoons(), 64, 16, 1), null))
                    .isInstanceOf(DataContractException.class)
                    .hasMessageContaining("Ebm 'ebm-moons' expects values in [-1, 1]")
                    .hasMessageContaining("the first training batch");
            List<float[]> after = weights(ebm);
            assertThat(after).hasSameSizeAs(before);
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i)).as("parameter %d", i).containsExactly(before.get(i));
            }
        }
    }
}
