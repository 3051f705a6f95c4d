package io.artifex.eval.bench;

import java.util.List;
import java.util.Locale;

/**
 * What the quality protocol measures for one entry, from the {@code quality} section of its
 * file: the budget in words, the likelihood measurement, the sample grid of likelihood models,
 * and the sample sets.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param budget the training budget in words; {@code {epochs}} stands for the epoch count
 * @param randomStream the name every evaluation draw of the entry is forked under from the run's seed
 * @param likelihood which test-split likelihood to report
 * @param gridSamples samples drawn by the ordinary sampler at the final point for the grid
 *                    {@code <entry>-sample-step<N>.png} when grids are kept (0: none); for
 *                    entries whose sample sets do not draw one
 * @param sampleSets the sample sets scored with sample-based metrics, in order
 */
public record QualityPlan(String budget, String randomStream, Likelihood likelihood, int gridSamples,
                          List<SampleSet> sampleSets) {

    /** The token in {@link #budget()} that is replaced by the epoch count. */
    public static final String EPOCHS = "{epochs}";

    /** The likelihood measurement of an entry. */
    public enum Likelihood {
        /** No likelihood (models without one). */
        NONE,
        /**
         * {@code test_bits_per_dim} and {@code test_neg_log_likelihood_nats} with standard errors
         * ({@link io.artifex.core.model.LikelihoodModel}).
         */
        BITS_PER_DIM,
        /**
         * {@code test_neg_elbo_nats} and {@code test_neg_iwae_k<k>_nats} with standard errors: the
         * single-sample and the k-sample importance-weighted bound.
         */
        IMPORTANCE_WEIGHTED,
        /**
         * A language model on held-out text windows: {@code test_nats_per_token},
         * {@code test_bits_per_token}, {@code test_perplexity}, {@code test_bits_per_byte}, with the
         * token and byte counts ({@link io.artifex.core.model.TokenLikelihood}).
         */
        TOKENS;

        /** The id used in entry files, e.g. {@code bits-per-dim}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The value of {@code id}; the error lists the valid ids. */
        public static Likelihood fromId(String id, String where) {
            for (Likelihood l : values()) {
                if (l.id().equals(id)) {
                    return l;
                }
            }
            throw new IllegalArgumentException(where + " must be one of none, bits-per-dim, importance-weighted, tokens, got '"
                    + id + "'");
        }
    }

    /** Checks the fields. */
    public QualityPlan {
        if (budget == null || budget.isBlank()) {
            throw new IllegalArgumentException("quality budget must not be blank");
        }
        if (randomStream == null || randomStream.isBlank()) {
            throw new IllegalArgumentException("quality randomStream must not be blank");
        }
        if (likelihood == null) {
            throw new IllegalArgumentException("quality likelihood must not be null");
        }
        if (gridSamples < 0) {
            throw new IllegalArgumentException("quality gridSamples must be >= 0, got " + gridSamples);
        }
        sampleSets = List.copyOf(sampleSets);
        if (sampleSets.stream().map(SampleSet::name).distinct().count() != sampleSets.size()) {
            throw new IllegalArgumentException("quality sample set names must be distinct, got "
                    + sampleSets.stream().map(SampleSet::name).toList());
        }
        if (gridSamples > 0 && sampleSets.stream().anyMatch(s -> s.name().equals("sample"))) {
            throw new IllegalArgumentException("quality gridSamples draws the grid 'sample', which the sample set "
                    + "'sample' already draws; use one or the other");
        }
    }

    /** The budget for {@code epochs} epochs. */
    public String budget(int epochs) {
        return budget.replace(EPOCHS, Integer.toString(epochs));
    }
}
