package io.artifex.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.model.Batch;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;

/**
 * The importance-weighted bound of Burda et al. (2015) on log p(x):
 * {@code log (1/k) sum_j p(x, z_j) / q(z_j | x)} with {@code z_j ~ q(z | x)}. With k = 1 it is the
 * ELBO; it tightens as k grows. Computed in chunks of samples under a scoped manager, with the
 * final log-sum-exp in double precision.
 */
final class ImportanceWeightedBound {

    /** Rows (samples times examples) decoded per chunk; bounds the memory of one chunk. */
    private static final int ROWS_PER_CHUNK = 8192;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private ImportanceWeightedBound() {
    }

    static NDArray estimate(BaseVae vae, Batch batch, int k, NDManager target, Rng rng) {
        if (k < 1) {
            throw new IllegalArgumentException("number of importance samples must be >= 1, got " + k);
        }
        NDArray x = vae.checkedImages(batch.x());
        NDArray condition = vae.conditioning(batch);
        int n = batch.size();
        int latent = vae.latentDim();
        ParameterStore store = new ParameterStore(target, false);
        double[][] logWeights = new double[k][];
        try (NDManager scope = target.newSubManager()) {
            x.tempAttach(scope);
            if (condition != null) {
                condition.tempAttach(scope);
            }
            NDList stats = vae.encoderOutput(x, condition, store, false);
            NDArray mean = stats.get(0);
            NDArray logVar = stats.get(1);
            NDArray std = Scalars.mul(logVar, 0.5f).exp();
            NDArray logVarSum = Scalars.mul(logVar.sum(new int[] {1}), 0.5f);
            int chunk = Math.max(1, ROWS_PER_CHUNK / n);
            for (int start = 0; start < k; start += chunk) {
                int c = Math.min(chunk, k - start);
                try (NDManager step = scope.newSubManager()) {
                    float[] values = chunkLogWeights(vae, x, condition, mean, std, logVarSum, c, latent, store, step, rng);
                    for (int j = 0; j < c; j++) {
                        logWeights[start + j] = new double[n];
                        for (int i = 0; i < n; i++) {
                            logWeights[start + j][i] = values[j * n + i];
                        }
                    }
                }
            }
        }
        float[] bound = new float[n];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : logWeights) {
                max = Math.max(max, row[i]);
            }
            double sum = 0;
            for (double[] row : logWeights) {
                sum += Math.exp(row[i] - max);
            }
            bound[i] = (float) (max + Math.log(sum) - Math.log(k));
        }
        return target.create(bound);
    }

    private static float[] chunkLogWeights(BaseVae vae, NDArray x, NDArray condition, NDArray mean, NDArray std,
                                           NDArray logVarSum, int c, int latent, ParameterStore store,
                                           NDManager step, Rng rng) {
        int n = (int) mean.getShape().get(0);
        NDArray eps = rng.normal(step, new Shape(c, n, latent));
        NDArray z = eps.mul(std).add(mean);
        NDArray conditionRows = null;
        if (condition != null) {
            conditionRows = step.zeros(new Shape(c, n, condition.getShape().get(1))).add(condition)
                    .reshape(c * (long) n, -1);
        }
        NDArray decoded = vae.decoderOutput(z.reshape(c * (long) n, latent), conditionRows, store, false);
        Shape xShape = x.getShape();
        NDArray xRows = step.zeros(new Shape(c).addAll(xShape)).add(x)
                .reshape(new Shape(c * (long) n).addAll(xShape.slice(1)));
        NDArray logLikelihood = vae.negativeLogLikelihood(xRows, decoded).reshape(c, n).neg();
        float constant = (float) (0.5 * latent * LOG_2PI);
        NDArray logPrior = Scalars.mul(z.square().sum(new int[] {2}), -0.5f).sub(constant);
        NDArray logPosterior = Scalars.mul(eps.square().sum(new int[] {2}), -0.5f).sub(logVarSum).sub(constant);
        return logLikelihood.add(logPrior).sub(logPosterior).toFloatArray();
    }
}
