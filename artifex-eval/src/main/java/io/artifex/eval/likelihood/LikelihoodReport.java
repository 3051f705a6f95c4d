package io.artifex.eval.likelihood;

import java.util.Locale;

/**
 * Held-out likelihood of a model over a data set.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param examples                    examples evaluated
 * @param meanLogLikelihood           mean per-example {@code log p(x)} in nats, in the model's data space
 * @param logLikelihoodStandardError  its standard error over examples
 * @param meanBitsPerDim              mean per-example bits/dim of 8-bit data, as the model's {@code bitsPerDim} reports
 * @param bitsPerDimStandardError     its standard error over examples
 * @param exact                       false when the model's log-likelihood is a lower bound (bits/dim then an upper bound)
 */
public record LikelihoodReport(long examples, double meanLogLikelihood, double logLikelihoodStandardError,
                               double meanBitsPerDim, double bitsPerDimStandardError, boolean exact) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "log-likelihood %s %.3f ± %.3f nats, %.4f ± %.4f bits/dim over %d examples",
                exact ? "=" : ">=", meanLogLikelihood, logLikelihoodStandardError, meanBitsPerDim,
                bitsPerDimStandardError, examples);
    }
}
