package io.artifex.eval.likelihood;

import ai.djl.ndarray.NDManager;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.random.Rng;

/**
 * Runs any {@link LikelihoodModel} over a {@link BatchSource} (its epoch 0, in order) and
 * reports the mean per-example log-likelihood in nats and bits/dim, each with its standard error
 * over examples. Each batch is read, scored and released under its own sub-manager. Both
 * {@code logProb} and {@code bitsPerDim} are called per batch, so the bits/dim carry the model's
 * own dequantisation correction (see {@link BitsPerDim}); for a stochastic bound they use
 * independent draws. The first batch is checked against the model's
 * {@link io.artifex.core.model.DataContract} (a mismatch is refused, naming the preprocessing to use).
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class LikelihoodEvaluator {

    private LikelihoodEvaluator() {
    }

    /** Evaluates every batch of the source. */
    public static LikelihoodReport evaluate(LikelihoodModel model, BatchSource source, NDManager manager, Rng rng) {
        return evaluate(model, source, manager, rng, Integer.MAX_VALUE);
    }

    /** Evaluates at most {@code maxBatches} batches of the source's epoch 0. */
    public static LikelihoodReport evaluate(LikelihoodModel model, BatchSource source, NDManager manager, Rng rng,
                                            int maxBatches) {
        check(model, source, manager, rng, maxBatches);
        RunningMean logLikelihood = new RunningMean();
        RunningMean bitsPerDim = new RunningMean();
        Rng logProbRng = rng.fork("logProb");
        Rng bpdRng = rng.fork("bitsPerDim");
        EpochIterator batches = source.epoch(0);
        for (int b = 0; b < maxBatches && batches.hasNext(); b++) {
            try (NDManager scope = manager.newSubManager()) {
                Batch batch = batches.next(scope);
                if (b == 0) {
                    DataContract.requireMatch(model, batch.x(), "the first evaluation batch");
                }
                float[] lp = model.logProb(batch, scope, logProbRng).toFloatArray();
                float[] bpd = model.bitsPerDim(batch, scope, bpdRng).toFloatArray();
                if (lp.length != batch.size() || bpd.length != batch.size()) {
                    throw new IllegalArgumentException("model returned " + lp.length + " log-probabilities and "
                            + bpd.length + " bits/dim values for a batch of " + batch.size() + "; expected one each per example");
                }
                for (int i = 0; i < lp.length; i++) {
                    logLikelihood.add(lp[i], "log-probability of batch " + b + " example " + i);
                    bitsPerDim.add(bpd[i], "bits/dim of batch " + b + " example " + i);
                }
            }
        }
        return new LikelihoodReport(logLikelihood.count(), logLikelihood.mean(), logLikelihood.standardError(),
                bitsPerDim.mean(), bitsPerDim.standardError(), model.isExact());
    }

    static void check(Object model, BatchSource source, NDManager manager, Rng rng, int maxBatches) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (source == null) {
            throw new IllegalArgumentException("batch source must not be null");
        }
        if (manager == null) {
            throw new IllegalArgumentException("manager must not be null");
        }
        if (rng == null) {
            throw new IllegalArgumentException("rng must not be null");
        }
        if (maxBatches < 1) {
            throw new IllegalArgumentException("maxBatches must be >= 1, got " + maxBatches);
        }
    }
}
