package io.artifex.core.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.artifex.core.loss.Losses;
import io.artifex.core.random.Rng;

/**
 * A batch of independent Bernoulli variables given by their logits, shape (N, ...): axis 0
 * indexes examples, every other axis is one binary variable of the example (e.g. a pixel).
 * {@link #logProb} is summed over the non-batch axes and has shape (N).
 *
 * <p>Everything is computed from the logits, never from {@code sigmoid(logits)}, so
 * log-probabilities stay finite even for logits of +-50 or more.
 *
 * <p>Thread-safety: not thread-safe: it holds NDArrays, which belong to one manager and are not
 * thread-safe; use it on the thread that made it.
 */
public final class Bernoulli {

    private final NDArray logits;

    /** @param logits log-odds {@code log(p / (1 - p))}, shape (N, ...) */
    public Bernoulli(NDArray logits) {
        if (logits == null) {
            throw new IllegalArgumentException("logits must not be null");
        }
        if (logits.getShape().dimension() < 1) {
            throw new IllegalArgumentException("logits must have a batch axis (rank >= 1), got a scalar");
        }
        this.logits = logits;
    }

    /** The logits, shape (N, ...). */
    public NDArray logits() {
        return logits;
    }

    /** The probabilities of a one, {@code sigmoid(logits)}. */
    public NDArray probs() {
        return Activation.sigmoid(logits);
    }

    /** The mean, equal to {@link #probs()}. */
    public NDArray mean() {
        return probs();
    }

    /**
     * {@code sum_j x_j log p_j + (1 - x_j) log(1 - p_j)} over the non-batch axes, shape (N),
     * evaluated stably as {@code sum_j x_j l_j - softplus(l_j)} (the negative of
     * {@link Losses#bceWithLogits}). Values of {@code x} strictly between 0 and 1 (e.g. grey
     * levels of an image) give the continuous relaxation used by most VAE implementations.
     *
     * @param x observations in [0, 1], same shape as the logits
     */
    public NDArray logProb(NDArray x) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        if (!x.getShape().equals(logits.getShape())) {
            throw new IllegalArgumentException(
                    "x must have the logits' shape " + logits.getShape() + ", got " + x.getShape());
        }
        return Losses.sumPerExample(x.mul(logits).sub(Losses.softplus(logits)));
    }

    /**
     * Independent draws: 1 where a uniform number from {@code rng} is below {@code sigmoid(logits)},
     * else 0, in the logits' data type. Not differentiable.
     */
    public NDArray sample(Rng rng) {
        if (rng == null) {
            throw new IllegalArgumentException("rng must not be null");
        }
        NDArray u = rng.uniform(logits.getManager(), 0f, 1f, logits.getShape());
        return u.lt(probs()).toType(logits.getDataType(), false);
    }
}
