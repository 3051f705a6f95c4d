package io.artifex.eval.bench;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.models.gan.ConvDiscriminatorConfig;
import io.artifex.models.gan.ConvGeneratorConfig;
import io.artifex.models.gan.DcganConfig;
import io.artifex.models.gan.Padding;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.models.gan.BaseGan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference network #2: the seed's DCGAN (latent 100, generator 512-256-128-64 to 1x28x28 with
 * tanh, discriminator 64-128-256-512; 3,923,010 parameters), trained on embedded MNIST scaled
 * to [-1, 1] with the non-saturating loss and Adam(2e-4, 0.5, 0.999) for both players, keeping
 * an EMA of the weights ({@value #EMA_DECAY}, warming up) that quality samples are drawn from
 * (batch-norm running statistics are the trained generator's; they are not averaged).
 * Sampling workload: 64 samples from the prior.
 *
 * <p>Quality: the sample metrics of {@link SampleMetrics} on generated digits mapped to [0, 1]
 * ({@code sample_*}, latents from the full prior: the figures the GAN issue's bar is about), and
 * the same on latents from the truncated prior {@code |z_i| <= }{@value #TRUNCATION}
 * ({@code truncated_*}: the truncation trick trades variety, which recall and the class spread
 * show, for typical, cleaner digits).
 */
public final class DcganBenchmark implements BenchmarkModel {

    /** The id on the command line. */
    public static final String ID = "dcgan";

    /** The spec's parameter count for reference network #2. */
    public static final long EXPECTED_PARAMETERS = 3_923_010L;

    /** Bound of the truncated prior that the {@code truncated_*} sample set is drawn from. */
    static final double TRUNCATION = 1.0;

    /** Decay of the weight average that quality samples are drawn from. */
    static final double EMA_DECAY = 0.999;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "DCGAN (latent 100, conv generator and discriminator), reference network #2";
    }

    @Override
    public ModelConfig config() {
        ConvGeneratorConfig generator = new ConvGeneratorConfig("generator", 100, List.of(512, 256, 128, 64),
                List.of(1, 28, 28), List.of(4, 4), List.of(2, 2), Padding.SAME, ActivationType.RELU);
        ConvDiscriminatorConfig discriminator = new ConvDiscriminatorConfig("discriminator", List.of(64, 128, 256, 512),
                List.of(1, 28, 28), List.of(4, 4), List.of(2, 2), Padding.SAME, ActivationType.LEAKY_RELU);
        return new DcganConfig("dcgan", generator, discriminator);
    }

    @Override
    public long expectedParameters() {
        return EXPECTED_PARAMETERS;
    }

    @Override
    public DataConfig data() {
        return DataConfig.of("mnist", Preprocessing.SCALE11);
    }

    @Override
    public TrainerConfig trainer(int batchSize, long seed) {
        OptimizerConfig adam = OptimizerConfig.adam(2e-4, 0.5, 0.999);
        return TrainerConfig.builder().epochs(1).batchSize(batchSize).seed(seed).optimizer(adam)
                .optimizer("generator", adam).optimizer("discriminator", adam).emaDecay(EMA_DECAY).build();
    }

    @Override
    public List<SamplingWorkload> samplingWorkloads() {
        return List.of(new SamplingWorkload("prior", 64, "64 latent codes from N(0, I) through the generator", 0));
    }

    @Override
    public String qualityBudget(int epochs) {
        return epochs + " epochs over the embedded MNIST training digits scaled to [-1, 1], non-saturating loss, "
                + "Adam(2e-4, 0.5, 0.999) for generator and discriminator, EMA of the weights (decay " + EMA_DECAY
                + " with warm-up)";
    }

    @Override
    public Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context) {
        BaseGan gan = BenchQuality.require(model, BaseGan.class, ID);
        Rng rng = new Rng(context.seed()).fork("dcgan-quality");
        Map<String, Double> metrics = new LinkedHashMap<>(SampleMetrics.measure(gan.config().name(),
                (n, m, r) -> SignedImages.toUnit(gan.generate(n, m, r)), context, BenchQuality.parentManager(gan),
                rng.fork("samples")));
        metrics.putAll(SampleMetrics.measure(gan.config().name(), "truncated", context.generatedSamples(),
                (n, m, r) -> SignedImages.toUnit(gan.generate(n, TRUNCATION, m, r)), context,
                BenchQuality.parentManager(gan), rng.fork("truncated")));
        return metrics;
    }
}
