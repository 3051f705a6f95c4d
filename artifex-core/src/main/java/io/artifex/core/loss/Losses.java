package io.artifex.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.artifex.core.nn.Scalars;

/**
 * Small, fused loss formulas. Arrays are batch-first: axis 0 is the batch axis and every
 * other axis belongs to one example. "Per example" results have shape {@code (N)}.
 *
 * <p>Each helper uses as few NDArray operations as the formula allows (a tiny op costs
 * several microseconds through DJL), and all of them are differentiable, so they can be used
 * inside a {@link ai.djl.training.GradientCollector}. Results live in the manager of the first
 * argument.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class Losses {

    private Losses() {
    }

    /**
     * Numerically stable {@code log(1 + exp(x))}, elementwise. Uses the engine's fused
     * softplus (on PyTorch: {@code x} itself above 20, {@code log1p(exp(x))} below), so it is
     * finite for any finite input and does not overflow for large {@code x}. The cut-off costs
     * an absolute error below {@code exp(-20) ~ 2.1e-9}, invisible in float32.
     */
    public static NDArray softplus(NDArray x) {
        requireNonNull(x, "x");
        return Activation.softPlus(x);
    }

    /**
     * Binary cross-entropy with logits, summed over every non-batch axis: for each example
     * {@code sum_j softplus(l_j) - t_j * l_j}, i.e. {@code -[t log sigmoid(l) + (1-t) log(1 - sigmoid(l))]}
     * written without ever forming {@code sigmoid(l)}, so it stays finite for logits of any size.
     *
     * @param logits logits of shape (N, ...)
     * @param targets targets in [0, 1] of the same shape (soft targets allowed)
     * @return the loss per example, shape (N)
     */
    public static NDArray bceWithLogits(NDArray logits, NDArray targets) {
        requireSameShape(logits, "logits", targets, "targets");
        return sumPerExample(softplus(logits).sub(targets.mul(logits)));
    }

    /**
     * Mean squared error averaged over every non-batch axis of each example.
     *
     * @param prediction predictions of shape (N, ...)
     * @param target targets of the same shape
     * @return {@code mean_j (prediction_j - target_j)^2} per example, shape (N)
     */
    public static NDArray mse(NDArray prediction, NDArray target) {
        requireSameShape(prediction, "prediction", target, "target");
        return meanPerExample(prediction.sub(target).square());
    }

    /**
     * Sums over every axis but the first: (N, ...) to (N). An array of shape (N) is returned
     * as it is.
     */
    public static NDArray sumPerExample(NDArray x) {
        int[] axes = nonBatchAxes(x, "x");
        return axes.length == 0 ? x : x.sum(axes);
    }

    /** Averages over every axis but the first: (N, ...) to (N). An array of shape (N) is returned as it is. */
    public static NDArray meanPerExample(NDArray x) {
        int[] axes = nonBatchAxes(x, "x");
        if (axes.length == 0) {
            return x;
        }
        // PyTorch's mean takes one axis only through DJL; sum over all and divide instead
        long perExample = x.getShape().size() / x.getShape().get(0);
        return Scalars.div(x.sum(axes), perExample);
    }

    private static int[] nonBatchAxes(NDArray x, String name) {
        requireNonNull(x, name);
        int rank = x.getShape().dimension();
        if (rank < 1) {
            throw new IllegalArgumentException(name + " must have a batch axis (rank >= 1), got a scalar");
        }
        int[] axes = new int[rank - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return axes;
    }

    private static void requireSameShape(NDArray a, String aName, NDArray b, String bName) {
        requireNonNull(a, aName);
        requireNonNull(b, bName);
        Shape sa = a.getShape();
        Shape sb = b.getShape();
        if (!sa.equals(sb)) {
            throw new IllegalArgumentException(bName + " must have the shape of " + aName + " " + sa + ", got " + sb);
        }
        if (sa.dimension() < 1) {
            throw new IllegalArgumentException(aName + " must have a batch axis (rank >= 1), got a scalar");
        }
    }

    private static void requireNonNull(NDArray x, String name) {
        if (x == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }
}
