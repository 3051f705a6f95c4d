package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.random.Rng;
import io.artifex.core.model.TokenLikelihood;
import io.artifex.eval.likelihood.LikelihoodEvaluator;
import io.artifex.eval.text.TextLikelihood;
import io.artifex.eval.likelihood.LikelihoodReport;
import io.artifex.eval.likelihood.VaeEvaluator;
import io.artifex.eval.likelihood.VaeReport;
import io.artifex.core.model.ImportanceWeightedLikelihood;
import java.util.LinkedHashMap;
import java.util.Map;

/** Quality measurements that the entries' quality plans combine. */
final class BenchQuality {

    private BenchQuality() {
    }

    /**
     * Test-split likelihood through {@link LikelihoodEvaluator}: {@code test_bits_per_dim} (of the
     * 8-bit data, lower is better) and {@code test_neg_log_likelihood_nats} (per image, in the
     * model's data space), each with its standard error over examples, and {@code test_examples}.
     */
    static Map<String, Double> likelihood(LikelihoodModel model, QualityContext context, Rng rng) {
        LikelihoodReport r = LikelihoodEvaluator.evaluate(model, context.test(), model.manager(), rng);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("test_bits_per_dim", r.meanBitsPerDim());
        m.put("test_bits_per_dim_se", r.bitsPerDimStandardError());
        m.put("test_neg_log_likelihood_nats", -r.meanLogLikelihood());
        m.put("test_neg_log_likelihood_se", r.logLikelihoodStandardError());
        m.put("test_examples", (double) r.examples());
        return m;
    }

    /**
     * Held-out figures of a language model on the context's text windows ({@link TextWindows}):
     * nats and bits per token, perplexity, bits per byte, with the token and byte counts.
     *
     * @throws IllegalArgumentException when the entry's test data are not text windows
     */
    static Map<String, Double> tokens(TokenLikelihood model, QualityContext context, String id) {
        if (!(context.test() instanceof TextWindows windows)) {
            throw new IllegalArgumentException("benchmark entry '" + id + "': quality.likelihood 'tokens' needs"
                    + " 'data: {dataset: text}', got test data of shape " + context.test().exampleShape());
        }
        return TextLikelihood.measure(model, windows, windows.tokenizer(), windows.skippedTarget()).toMap("test_");
    }

    /**
     * At the final quality point only, and only when the context has a sink: {@code gridCount}
     * samples from {@code sampler} (values in [0, 1]) offered to the sink under {@code "sample"}
     * for the grid, timed as {@code sample_seconds_per_sample}; otherwise nothing.
     */
    static Map<String, Double> grid(GenerativeModel model, int gridCount, ImageSampler sampler, QualityContext context,
                                    Rng rng) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (gridCount > 0 && context.finalPoint() && context.sink() != SampleSink.NONE) {
            try (NDManager sm = model.manager().newSubManager()) {
                long t0 = System.nanoTime();
                float[] values = sampler.sample(gridCount, sm, rng).toFloatArray();
                metrics.put("sample_seconds_per_sample", (System.nanoTime() - t0) / 1e9 / gridCount);
                context.sink().accept("sample", values, gridCount);
            }
        }
        return metrics;
    }

    /**
     * The single-sample negative ELBO ({@code test_neg_elbo_nats}) and the negative
     * importance-weighted bound with {@link QualityContext#importanceSamples()} samples
     * ({@code test_neg_iwae_k<k>_nats}), in nats per example with their standard errors over the
     * test split, through {@link VaeEvaluator}, and {@code test_examples}.
     */
    static Map<String, Double> importanceWeightedBounds(GenerativeModel model, QualityContext context, Rng rng,
                                                        String entryId) {
        VaeReport bounds = VaeEvaluator.evaluate(require(model, ImportanceWeightedLikelihood.class, entryId), context.test(),
                context.importanceSamples(), model.manager(), rng);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_neg_elbo_nats", bounds.meanNegativeElbo());
        metrics.put("test_neg_elbo_se", bounds.negativeElboStandardError());
        String iw = "test_neg_iwae_k" + bounds.importanceSamples();
        metrics.put(iw + "_nats", bounds.meanImportanceWeightedNll());
        metrics.put(iw + "_se", bounds.importanceWeightedStandardError());
        metrics.put("test_examples", (double) bounds.examples());
        return metrics;
    }

    /** The model cast to {@code type}, or an error naming the benchmark and what it got. */
    static <T> T require(GenerativeModel model, Class<T> type, String benchmarkId) {
        if (!type.isInstance(model)) {
            throw new IllegalArgumentException("the " + benchmarkId + " benchmark needs a " + type.getSimpleName() + ", got "
                    + (model == null ? "null" : model.getClass().getSimpleName()));
        }
        return type.cast(model);
    }

    /** Labels 0, 1, ..., classes - 1, 0, 1, ... ({@code n} of them, int64): the order conditional entries draw in. */
    static NDArray labelsInTurn(int n, int classes, NDManager manager) {
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        return manager.create(labels);
    }
}
