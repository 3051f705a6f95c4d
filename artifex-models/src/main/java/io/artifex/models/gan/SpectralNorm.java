package io.artifex.models.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Spectral normalisation (Miyato et al., 2018) of one weight: the layer uses {@code W / sigma(W)},
 * where {@code sigma} is the largest singular value of {@code W} reshaped to
 * {@code (outputs, rest)}, estimated by power iteration.
 *
 * <p>The left singular vector estimate {@code u} is state, not a trained parameter: it is kept
 * between calls (one power-iteration step per training forward, as in PyTorch's
 * {@code spectral_norm}), is not seen by optimizers, and is not saved in archives or
 * checkpoints (after loading it starts from a fresh random vector and re-converges within a few
 * training steps; the generator, and so sampling, never uses it). In evaluation mode {@code u} is
 * not updated. {@code u} and {@code v} are treated as constants in the gradient
 * ({@code d sigma / dW = u v^T}), as in the paper.
 */
final class SpectralNorm {

    private static final float EPS = 1e-12f;

    private final long rows;
    private NDManager owner;
    private NDArray u;

    /** @param rows the number of outputs (first axis of the weight) */
    SpectralNorm(long rows) {
        this.rows = rows;
    }

    /** Draws the initial {@code u} on {@code manager} (the model's), from the engine's seeded generator. */
    void initialize(NDManager manager) {
        owner = manager;
        NDArray start = manager.randomNormal(0f, 1f, new Shape(rows, 1), DataType.FLOAT32);
        u = normalize(start);
        start.close();
    }

    /** The current estimate of the leading left singular vector, shape (rows, 1). */
    NDArray u() {
        return u;
    }

    /**
     * {@code weight / sigma(weight)}; in training one power-iteration step updates {@code u} first.
     *
     * @param weight the raw weight, first axis = outputs
     * @param training whether to advance the power iteration
     */
    NDArray apply(NDArray weight, boolean training) {
        if (u == null) {
            throw new IllegalStateException("spectral norm used before its layer was initialised");
        }
        NDArray matrix = weight.reshape(rows, -1);
        NDArray fixed = matrix.stopGradient();
        NDArray current = u;
        if (training) {
            NDArray v = normalize(fixed.transpose().matMul(current));
            NDArray next = normalize(fixed.matMul(v));
            NDArray kept = next.duplicate();
            kept.attach(owner);
            NDArray old = u;
            u = kept;
            old.close();
            current = next;
        }
        NDArray v = normalize(fixed.transpose().matMul(current));
        NDArray sigma = current.transpose().matMul(matrix.matMul(v)).reshape(new Shape());
        return weight.div(sigma);
    }

    private static NDArray normalize(NDArray x) {
        return x.div(x.square().sum().sqrt().add(EPS));
    }
}
