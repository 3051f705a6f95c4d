package io.artifex.eval.likelihood;

import ai.djl.ndarray.NDManager;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.ImportanceWeightedLikelihood;
import io.artifex.core.random.Rng;

/**
 * Held-out evaluation of a VAE, or of any {@link ImportanceWeightedLikelihood} model: the
 * negative ELBO (the importance-weighted bound with one sample) and the importance-weighted
 * bound of Burda et al. with {@code k} samples, per example over the source's epoch 0, each
 * batch under its own sub-manager. Bits/dim are the NLL bounds over {@code D ln 2}, D the size
 * of the model's {@code exampleShape()}, matching a VAE's {@code bitsPerDim} (its data are
 * already in [0, 1], with no dequantisation step). The first batch is checked against the
 * model's {@link io.artifex.core.model.DataContract}.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class VaeEvaluator {

    private VaeEvaluator() {
    }

    /** Evaluates every batch with {@code k} importance samples. */
    public static VaeReport evaluate(ImportanceWeightedLikelihood vae, BatchSource source, int k, NDManager manager,
                                     Rng rng) {
        return evaluate(vae, source, k, manager, rng, Integer.MAX_VALUE);
    }

    /** Evaluates at most {@code maxBatches} batches with {@code k} importance samples. */
    public static VaeReport evaluate(ImportanceWeightedLikelihood vae, BatchSource source, int k, NDManager manager,
                                     Rng rng, int maxBatches) {
        LikelihoodEvaluator.check(vae, source, manager, rng, maxBatches);
        if (k < 1) {
            throw new IllegalArgumentException("number of importance samples k must be >= 1, got " + k);
        }
        RunningMean elbo = new RunningMean();
        RunningMean iw = new RunningMean();
        Rng elboRng = rng.fork("elbo");
        Rng iwRng = rng.fork("iw");
        EpochIterator batches = source.epoch(0);
        for (int b = 0; b < maxBatches && batches.hasNext(); b++) {
            try (NDManager scope = manager.newSubManager()) {
                Batch batch = batches.next(scope);
                if (b == 0) {
                    DataContract.requireMatch(vae, batch.x(), "the first evaluation batch");
                }
                float[] e = vae.logProb(batch, 1, scope, elboRng).toFloatArray();
                float[] w = vae.logProb(batch, k, scope, iwRng).toFloatArray();
                for (int i = 0; i < e.length; i++) {
                    elbo.add(-e[i], "negative ELBO of batch " + b + " example " + i);
                    iw.add(-w[i], "negative IW bound of batch " + b + " example " + i);
                }
            }
        }
        double perBit = vae.exampleShape().size() * Math.log(2);
        return new VaeReport(elbo.count(), elbo.mean(), elbo.standardError(), k, iw.mean(), iw.standardError(),
                elbo.mean() / perBit, iw.mean() / perBit);
    }
}
