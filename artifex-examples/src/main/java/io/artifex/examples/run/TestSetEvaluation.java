package io.artifex.examples.run;

import ai.djl.ndarray.NDManager;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.HeldOutMeasures;
import io.artifex.core.model.ImportanceWeightedLikelihood;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.model.TokenLikelihood;
import io.artifex.core.random.Rng;
import io.artifex.data.text.TextBatchSource;
import io.artifex.eval.text.TextLikelihood;
import io.artifex.eval.text.TextMeasures;
import io.artifex.models.autoregressive.wavenet.WaveNet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Likelihood numbers of a trained model on a test split: the mean negative log-likelihood (or
 * negative ELBO for a bound), bits per dimension, their standard errors and, for a model with an
 * {@link ImportanceWeightedLikelihood} (a VAE) asked for importance samples, the
 * importance-weighted bound. Models without a likelihood get none. A model with
 * {@link HeldOutMeasures} also gets its own measures, named {@code test_<name>} (a VQ-VAE:
 * reconstruction error, codebook usage and perplexity, the prior's bits per code). A language
 * model on text windows gets token-weighted figures instead ({@code test_nats_per_token},
 * {@code test_bits_per_token}, {@code test_perplexity}, {@code test_bits_per_byte}). A WaveNet on
 * mu-law clips also gets {@code test_bits_per_sample} (the same figure as bits per dimension) and its
 * standard error over clips. Batches are
 * read under the model's manager, so on its device.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class TestSetEvaluation {

    private TestSetEvaluation() {
    }

    /**
     * Evaluates {@code model} on one pass over {@code test}.
     *
     * @param importanceSamples k of the importance-weighted bound; 0 skips it
     * @return metric name to value, e.g. {@code test_negative_elbo}, {@code test_bits_per_dim},
     *         {@code test_codebook_perplexity}
     */
    public static Map<String, Double> evaluate(GenerativeModel model, BatchSource test, int importanceSamples,
                                               long seed) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (model instanceof TokenLikelihood tokens && test instanceof TextBatchSource text) {
            out.putAll(text(tokens, text));
        } else if (model instanceof LikelihoodModel likelihood) {
            out.putAll(likelihood(likelihood, test, importanceSamples, seed));
        }
        if (model instanceof HeldOutMeasures measured) {
            measured.measure(test, new Rng(seed).fork("measures")).forEach((k, v) -> out.put("test_" + k, v));
        }
        return out;
    }

    /**
     * A language model on held-out text, weighted by tokens (not by windows): nats and bits per
     * token, perplexity, bits per byte ({@link TextLikelihood}); {@code test_bits_per_dim} is bits
     * per token.
     */
    private static Map<String, Double> text(TokenLikelihood model, TextBatchSource test) {
        TextMeasures measures = TextLikelihood.measure(model, test);
        Map<String, Double> out = new LinkedHashMap<>(measures.toMap("test_"));
        out.put("test_bits_per_dim", measures.bitsPerToken());
        return out;
    }

    private static Map<String, Double> likelihood(LikelihoodModel likelihood, BatchSource test, int importanceSamples,
                                                  long seed) {
        GenerativeModel model = likelihood;
        Map<String, Double> out = new LinkedHashMap<>();
        Rng rng = new Rng(seed).fork("evaluation");
        RunningMean nll = new RunningMean();
        RunningMean bpd = new RunningMean();
        RunningMean iwae = new RunningMean();
        EpochIterator epoch = test.epoch(0);
        boolean first = true;
        try (NDManager root = model.manager().newSubManager()) {
            while (epoch.hasNext()) {
                try (NDManager scope = root.newSubManager()) {
                    Batch batch = epoch.next(scope);
                    if (first) {
                        DataContract.requireMatch(model, batch.x(), "the first test batch");
                        first = false;
                    }
                    float[] logProb = likelihood.logProb(batch, scope, rng).toFloatArray();
                    float[] bits = likelihood.bitsPerDim(batch, scope, rng).toFloatArray();
                    for (int i = 0; i < logProb.length; i++) {
                        nll.add(-logProb[i]);
                        bpd.add(bits[i]);
                    }
                    if (importanceSamples > 0 && model instanceof ImportanceWeightedLikelihood bounded) {
                        for (float v : bounded.logProb(batch, importanceSamples, scope, rng).toFloatArray()) {
                            iwae.add(-v);
                        }
                    }
                }
            }
        }
        String name = likelihood.isExact() ? "test_nll" : "test_negative_elbo";
        out.put(name, nll.mean());
        out.put(name + "_stderr", nll.standardError());
        out.put("test_bits_per_dim", bpd.mean());
        if (model instanceof WaveNet) {
            // a clip's dimensions are its audio samples
            out.put("test_bits_per_sample", bpd.mean());
            out.put("test_bits_per_sample_stderr", bpd.standardError());
        }
        if (iwae.count() > 0) {
            out.put("test_negative_iwae_k" + importanceSamples, iwae.mean());
            out.put("test_negative_iwae_k" + importanceSamples + "_stderr", iwae.standardError());
        }
        return out;
    }

    /** Mean and standard error by Welford's method. */
    private static final class RunningMean {
        private long n;
        private double mean;
        private double m2;

        void add(double x) {
            n++;
            double delta = x - mean;
            mean += delta / n;
            m2 += delta * (x - mean);
        }

        long count() {
            return n;
        }

        double mean() {
            return mean;
        }

        double standardError() {
            return n > 1 ? Math.sqrt(m2 / (n - 1) / n) : 0.0;
        }
    }
}
