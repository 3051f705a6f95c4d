package io.artifex.core.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.loss.Losses;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;

/**
 * A batch of categorical distributions given by unnormalised logits along one category axis
 * (the last axis by default). Logits have shape (N, ...) with the category axis anywhere but
 * axis 0; the other non-batch axes hold independent categoricals of the same example (e.g. the
 * pixels of a PixelCNN output). {@link #logProb} and {@link #entropy} are summed over those
 * axes and have shape (N); {@link #logProbs()} and {@link #probs()} keep the logits' shape.
 *
 * <p>Sampling uses the Gumbel-max trick, {@code argmax(logits / T + G)} with standard Gumbel
 * noise {@code G}, because this engine has no multinomial sampler.
 *
 * <p>Thread-safety: not thread-safe: it holds NDArrays, which belong to one manager and are not
 * thread-safe; use it on the thread that made it.
 */
public final class Categorical {

    private final NDArray logits;
    private final int axis;

    /** Categories along the last axis of {@code logits} (N, ..., K). */
    public Categorical(NDArray logits) {
        this(logits, -1);
    }

    /**
     * @param logits unnormalised log-probabilities, shape (N, ...)
     * @param axis the category axis; negative values count from the end; must not be the batch axis
     */
    public Categorical(NDArray logits, int axis) {
        if (logits == null) {
            throw new IllegalArgumentException("logits must not be null");
        }
        int rank = logits.getShape().dimension();
        if (rank < 2) {
            throw new IllegalArgumentException(
                    "logits must have a batch axis and a category axis (rank >= 2), got shape " + logits.getShape());
        }
        int normalised = axis < 0 ? axis + rank : axis;
        if (normalised < 1 || normalised >= rank) {
            throw new IllegalArgumentException("axis must be in [1, " + (rank - 1) + "] or [-" + (rank - 1)
                    + ", -1] for logits of shape " + logits.getShape() + ", got " + axis);
        }
        this.logits = logits;
        this.axis = normalised;
    }

    /** The logits. */
    public NDArray logits() {
        return logits;
    }

    /** The category axis, as a non-negative index. */
    public int axis() {
        return axis;
    }

    /** The number of categories. */
    public long numCategories() {
        return logits.getShape().get(axis);
    }

    /** Normalised log-probabilities (log-softmax along the category axis), the logits' shape. */
    public NDArray logProbs() {
        return logits.logSoftmax(axis);
    }

    /** Probabilities (softmax along the category axis), the logits' shape. */
    public NDArray probs() {
        return logits.softmax(axis);
    }

    /**
     * The log-probability of the given categories, summed over the non-batch axes, shape (N).
     *
     * @param indices integer categories, the logits' shape without the category axis
     */
    public NDArray logProb(NDArray indices) {
        return Losses.sumPerExample(elementLogProb(indices));
    }

    /** The log-probability of each given category, without summing: the logits' shape without the category axis. */
    public NDArray elementLogProb(NDArray indices) {
        if (indices == null) {
            throw new IllegalArgumentException("indices must not be null");
        }
        if (!indices.getShape().equals(sampleShapeOf())) {
            throw new IllegalArgumentException("indices must have shape " + sampleShapeOf()
                    + " (the logits' shape without axis " + axis + "), got " + indices.getShape());
        }
        NDArray index = indices.toType(DataType.INT64, false).expandDims(axis);
        return logProbs().gather(index, axis).squeeze(axis);
    }

    /** Entropy {@code -sum_k p_k log p_k}, summed over the non-batch axes, shape (N). */
    public NDArray entropy() {
        NDArray logP = logProbs();
        return Losses.sumPerExample(logP.exp().mul(logP).sum(new int[] {axis}).neg());
    }

    /** One draw per categorical (temperature 1): int64 indices, the logits' shape without the category axis. */
    public NDArray sample(Rng rng) {
        return sample(rng, 1.0);
    }

    /**
     * One draw per categorical from {@code softmax(logits / temperature)} by Gumbel-max. A
     * temperature below 1 sharpens the distribution; as it goes to 0 the draw becomes the
     * argmax of the logits; above 1 it flattens.
     *
     * @param rng the source of the uniform noise
     * @param temperature a positive, finite number
     * @return int64 indices, the logits' shape without the category axis
     */
    public NDArray sample(Rng rng, double temperature) {
        if (rng == null) {
            throw new IllegalArgumentException("rng must not be null");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
        // u in [tiny, 1): -log(u) > 0, so the Gumbel noise -log(-log(u)) is always finite
        NDArray u = rng.uniform(logits.getManager(), Float.MIN_NORMAL, 1f, logits.getShape());
        NDArray gumbel = u.log().neg().log().neg();
        NDArray scaled = temperature == 1.0 ? logits : Scalars.div(logits, temperature);
        return scaled.add(gumbel).argMax(axis);
    }

    private Shape sampleShapeOf() {
        long[] dims = logits.getShape().getShape();
        long[] out = new long[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != axis) {
                out[j++] = dims[i];
            }
        }
        return new Shape(out);
    }
}
