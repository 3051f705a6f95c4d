package io.artifex.core.distributions;

import ai.djl.ndarray.NDArray;
import io.artifex.core.loss.Losses;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;

/**
 * A batch of Gaussians with diagonal covariance, parameterised by mean and log-variance
 * (the usual VAE encoder output). Arrays are batch-first, shape (N, ...): axis 0 indexes
 * independent distributions, every other axis is one event dimension. Log-densities, KL
 * divergences and entropies are summed over all non-batch axes and have shape (N).
 *
 * <p>Everything is differentiable with respect to {@code mean} and {@code logVar}; results live
 * in the manager of {@code mean}. Works in float32 and float64.
 *
 * <p>Thread-safety: not thread-safe: it holds NDArrays, which belong to one manager and are not
 * thread-safe; use it on the thread that made it.
 */
public final class DiagonalGaussian {

    /** {@code log(2 pi)}. */
    static final double LOG_2PI = Math.log(2 * Math.PI);

    private final NDArray mean;
    private final NDArray logVar;

    /**
     * @param mean means, shape (N, ...)
     * @param logVar log-variances, same shape as {@code mean}
     */
    public DiagonalGaussian(NDArray mean, NDArray logVar) {
        if (mean == null || logVar == null) {
            throw new IllegalArgumentException("mean and logVar must not be null");
        }
        if (!mean.getShape().equals(logVar.getShape())) {
            throw new IllegalArgumentException(
                    "logVar must have the shape of mean " + mean.getShape() + ", got " + logVar.getShape());
        }
        if (mean.getShape().dimension() < 1) {
            throw new IllegalArgumentException("mean must have a batch axis (rank >= 1), got a scalar");
        }
        this.mean = mean;
        this.logVar = logVar;
    }

    /** The means, shape (N, ...). */
    public NDArray mean() {
        return mean;
    }

    /** The log-variances, shape (N, ...). */
    public NDArray logVar() {
        return logVar;
    }

    /** The standard deviations {@code exp(logVar / 2)}, shape (N, ...). */
    public NDArray stddev() {
        return Scalars.mul(logVar, 0.5).exp();
    }

    /**
     * A reparameterised draw {@code mean + exp(logVar / 2) * eps} with {@code eps ~ N(0, I)}
     * from {@code rng}; gradients flow to {@code mean} and {@code logVar}.
     */
    public NDArray sample(Rng rng) {
        if (rng == null) {
            throw new IllegalArgumentException("rng must not be null");
        }
        NDArray eps = rng.normal(mean.getManager(), mean.getShape(), mean.getDataType());
        return stddev().mul(eps).add(mean);
    }

    /**
     * {@code log N(x; mean, diag(exp(logVar)))} summed over the non-batch axes:
     * {@code -1/2 sum[(x - mean)^2 exp(-logVar) + logVar + log(2 pi)]}, shape (N).
     */
    public NDArray logProb(NDArray x) {
        requireShape(x, "x");
        NDArray z = x.sub(mean);
        NDArray perElement = z.mul(z).mul(logVar.neg().exp()).add(logVar);
        return Scalars.mul(Losses.sumPerExample(perElement).add(perExampleSize() * LOG_2PI), -0.5);
    }

    /**
     * {@code KL(this || N(0, I)) = 1/2 sum[exp(logVar) + mean^2 - 1 - logVar]} over the non-batch
     * axes, shape (N): the VAE regulariser in closed form.
     */
    public NDArray klToStandardNormal() {
        NDArray perElement = logVar.exp().add(mean.mul(mean)).sub(logVar);
        return Scalars.mul(Losses.sumPerExample(perElement).sub(perExampleSize()), 0.5);
    }

    /**
     * {@code KL(this || other) = 1/2 sum[lv2 - lv1 + (exp(lv1) + (m1 - m2)^2) exp(-lv2) - 1]} over
     * the non-batch axes, shape (N). {@code other} must have the same shape.
     */
    public NDArray kl(DiagonalGaussian other) {
        if (other == null) {
            throw new IllegalArgumentException("other must not be null");
        }
        requireShape(other.mean, "other.mean");
        NDArray meanDifference = mean.sub(other.mean);
        NDArray perElement = logVar.exp().add(meanDifference.square()).mul(other.logVar.neg().exp()).add(other.logVar).sub(logVar);
        return Scalars.mul(Losses.sumPerExample(perElement).sub(perExampleSize()), 0.5);
    }

    /** Differential entropy {@code 1/2 sum[1 + log(2 pi) + logVar]} over the non-batch axes, shape (N). */
    public NDArray entropy() {
        return Scalars.mul(Losses.sumPerExample(logVar).add(perExampleSize() * (1 + LOG_2PI)), 0.5);
    }

    /**
     * Log-density of the standard normal {@code -1/2 sum[x^2 + log(2 pi)]} summed over the
     * non-batch axes of {@code x} (N, ...), shape (N). The prior term of a VAE or a flow.
     */
    public static NDArray standardNormalLogProb(NDArray x) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        NDArray sumSquares = Losses.sumPerExample(x.mul(x));
        long n = x.getShape().get(0);
        long d = n == 0 ? 0 : x.getShape().size() / n;
        return Scalars.mul(sumSquares.add(d * LOG_2PI), -0.5);
    }

    private long perExampleSize() {
        long n = mean.getShape().get(0);
        return n == 0 ? 0 : mean.getShape().size() / n;
    }

    private void requireShape(NDArray x, String name) {
        if (x == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (!x.getShape().equals(mean.getShape())) {
            throw new IllegalArgumentException(
                    name + " must have the distribution's shape " + mean.getShape() + ", got " + x.getShape());
        }
    }
}
