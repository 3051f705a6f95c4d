package io.artifex.eval.bench;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.models.vae.DecoderConfig;
import io.artifex.models.vae.EncoderConfig;
import io.artifex.models.vae.EncoderType;
import io.artifex.models.vae.VaeConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.eval.likelihood.VaeEvaluator;
import io.artifex.eval.likelihood.VaeReport;
import io.artifex.models.vae.BaseVae;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference network #1: the seed's dense VAE (784-256-128, latent 128, Bernoulli logits,
 * 517,904 parameters), trained on dynamically binarised embedded MNIST with Adam 1e-3 and
 * gradient clipping at global norm 100 (the quickstart's recipe).
 * Sampling workload: 64 samples from the prior, decoded to Bernoulli means.
 *
 * <p>Quality (through {@link VaeEvaluator}): {@code test_neg_elbo_nats}, the single-sample
 * negative ELBO ({@code log p(x, z) - log q(z | x)} at one posterior draw) averaged over the
 * test digits, and {@code test_neg_iwae_k<k>_nats}, the negative importance-weighted bound with
 * k samples (Burda et al.), a tighter upper bound on -log p(x); both in nats per image with
 * their standard errors over digits, lower is better. Then the sample metrics of
 * {@link SampleMetrics} on decoded prior samples against the grey test digits.
 */
public final class VaeBenchmark implements BenchmarkModel {

    /** Global-norm gradient clipping of the reference recipe (without it the VAE shows loss spikes). */
    static final double GRADIENT_CLIP_NORM = 100.0;

    /** The id on the command line. */
    public static final String ID = "vae";

    /** The spec's parameter count for reference network #1. */
    public static final long EXPECTED_PARAMETERS = 517_904L;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "VAE (dense 784-256-128, latent 128, Bernoulli), reference network #1";
    }

    @Override
    public ModelConfig config() {
        EncoderConfig encoder = new EncoderConfig("encoder", List.of(28, 28, 1), 128, List.of(256, 128), ActivationType.RELU);
        DecoderConfig decoder = new DecoderConfig("decoder", 128, List.of(28, 28, 1), List.of(128, 256), ActivationType.RELU);
        return new VaeConfig("beta_vae", encoder, decoder, EncoderType.DENSE, 1.0);
    }

    @Override
    public long expectedParameters() {
        return EXPECTED_PARAMETERS;
    }

    @Override
    public DataConfig data() {
        return DataConfig.of("mnist", Preprocessing.BINARIZE);
    }

    @Override
    public TrainerConfig trainer(int batchSize, long seed) {
        return TrainerConfig.of(1, batchSize, seed,
                OptimizerConfig.builder().type(OptimizerType.ADAM).learningRate(1e-3).gradientClipNorm(GRADIENT_CLIP_NORM)
                        .build());
    }

    @Override
    public List<SamplingWorkload> samplingWorkloads() {
        return List.of(new SamplingWorkload("prior", 64, "64 latent codes from N(0, I) decoded to Bernoulli means", 0));
    }

    @Override
    public String qualityBudget(int epochs) {
        return epochs + " epochs over the embedded MNIST training digits, dynamic binarisation, Adam 1e-3, gradient clipping at global norm "
                + (int) GRADIENT_CLIP_NORM;
    }

    @Override
    public Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context) {
        if (!(model instanceof BaseVae vae)) {
            throw new IllegalArgumentException("the vae benchmark evaluates a VAE, got " + model.getClass().getSimpleName());
        }
        Rng rng = new Rng(context.seed()).fork("vae-quality");
        NDManager parent = model.network().getParameters().valueAt(0).getArray().getManager();
        VaeReport bounds = VaeEvaluator.evaluate(vae, context.test(), context.importanceSamples(), parent, rng.fork("bounds"));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_neg_elbo_nats", bounds.meanNegativeElbo());
        metrics.put("test_neg_elbo_se", bounds.negativeElboStandardError());
        String iw = "test_neg_iwae_k" + bounds.importanceSamples();
        metrics.put(iw + "_nats", bounds.meanImportanceWeightedNll());
        metrics.put(iw + "_se", bounds.importanceWeightedStandardError());
        metrics.put("test_examples", (double) bounds.examples());
        if (context.referenceImages() != null) {
            metrics.putAll(SampleMetrics.measure(model, context, parent, rng.fork("samples")));
        }
        return metrics;
    }
}
