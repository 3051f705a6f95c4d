package io.artifex.eval.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.config.vae.DecoderConfig;
import io.artifex.core.config.vae.EncoderConfig;
import io.artifex.core.config.vae.EncoderType;
import io.artifex.core.config.vae.VaeConfig;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import io.artifex.models.vae.BaseVae;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference network #1: the seed's dense VAE (784-256-128, latent 128, Bernoulli logits,
 * 517,904 parameters), trained on dynamically binarised embedded MNIST with Adam 1e-3.
 * Sampling workload: 64 samples from the prior, decoded to Bernoulli means.
 *
 * <p>Quality: {@code test_neg_elbo_nats}, the single-sample negative ELBO (reconstruction with
 * one posterior draw plus the analytic KL) averaged over the test digits, and
 * {@code test_neg_iwae_k<k>_nats}, the negative importance-weighted bound with k samples
 * (Burda et al.), a tighter upper bound on -log p(x). Both in nats per image, lower is better.
 */
public final class VaeBenchmark implements BenchmarkModel {

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
        return TrainerConfig.of(1, batchSize, seed, OptimizerConfig.of(OptimizerType.ADAM, 1e-3));
    }

    @Override
    public List<SamplingWorkload> samplingWorkloads() {
        return List.of(new SamplingWorkload("prior", 64, "64 latent codes from N(0, I) decoded to Bernoulli means", 0));
    }

    @Override
    public String qualityBudget(int epochs) {
        return epochs + " epochs over the embedded MNIST training digits, dynamic binarisation, Adam 1e-3";
    }

    @Override
    public Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context) {
        if (!(model instanceof BaseVae vae)) {
            throw new IllegalArgumentException("the vae benchmark evaluates a VAE, got " + model.getClass().getSimpleName());
        }
        Rng rng = new Rng(context.seed()).fork("vae-quality");
        Rng elboRng = rng.fork("elbo");
        Rng iwaeRng = rng.fork("iwae");
        NDManager parent = model.network().getParameters().valueAt(0).getArray().getManager();
        double elboSum = 0;
        double iwaeSum = 0;
        long count = 0;
        EpochIterator it = context.test().epoch(0);
        while (it.hasNext()) {
            try (NDManager sm = parent.newSubManager()) {
                Batch batch = it.next(sm);
                StepContext ctx = new StepContext(sm, new ParameterStore(sm, false), elboRng, false, 0);
                float negElbo = vae.loss(batch, vae.forward(batch, ctx), ctx).terms().get("negElbo").getFloat();
                float bound = vae.importanceWeightedBound(batch, context.importanceSamples(), sm, iwaeRng)
                        .mean().getFloat();
                elboSum += (double) negElbo * batch.size();
                iwaeSum -= (double) bound * batch.size();
                count += batch.size();
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("the vae benchmark's test source yielded no examples");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_neg_elbo_nats", elboSum / count);
        metrics.put("test_neg_iwae_k" + context.importanceSamples() + "_nats", iwaeSum / count);
        metrics.put("test_examples", (double) count);
        return metrics;
    }
}
