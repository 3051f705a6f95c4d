package io.artifex.eval.likelihood;

import java.util.Locale;

/**
 * A VAE's held-out bounds on {@code log p(x)}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param examples                          examples evaluated
 * @param meanNegativeElbo                  mean negative ELBO in nats (an upper bound on the NLL)
 * @param negativeElboStandardError         its standard error over examples
 * @param importanceSamples                 k of the importance-weighted bound
 * @param meanImportanceWeightedNll         mean negative importance-weighted bound in nats (tighter upper bound on the NLL)
 * @param importanceWeightedStandardError   its standard error over examples
 * @param elboBitsPerDim                    negative ELBO over {@code D ln 2}
 * @param importanceWeightedBitsPerDim      negative IW bound over {@code D ln 2}
 */
public record VaeReport(long examples, double meanNegativeElbo, double negativeElboStandardError, int importanceSamples,
                        double meanImportanceWeightedNll, double importanceWeightedStandardError, double elboBitsPerDim,
                        double importanceWeightedBitsPerDim) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "-ELBO %.3f ± %.3f nats, -IW(k=%d) %.3f ± %.3f nats over %d examples",
                meanNegativeElbo, negativeElboStandardError, importanceSamples, meanImportanceWeightedNll,
                importanceWeightedStandardError, examples);
    }
}
