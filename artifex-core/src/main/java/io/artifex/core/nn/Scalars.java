package io.artifex.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * Arithmetic between an array and a plain number that is safe under autograd.
 *
 * <p>DJL 0.36's PyTorch engine implements {@code NDArray.mul(Number)}, {@code div(Number)},
 * {@code pow(Number)}, {@code maximum(Number)} and {@code minimum(Number)} by wrapping the number
 * in a 0-d tensor over a Java direct buffer ({@code from_blob}, which does not own its memory)
 * and closing that tensor as soon as the operation returns. PyTorch's autograd keeps the 0-d
 * tensor for the backward pass of these operations, but once the wrapper is closed nothing
 * keeps the Java buffer alive: a garbage collection between forward and backward frees it,
 * and the backward pass then reads whatever the memory holds by then. The result is a
 * gradient that is silently wrong, NaN or huge, depending on when the collector runs
 * ({@code ScalarsTest} shows the engine's own {@code mul(Number)} going wrong and these
 * methods staying exact).
 *
 * <p>These methods make the constant with {@code NDManager.full}, whose memory PyTorch owns
 * and reference-counts, so autograd keeps it alive for as long as it needs it. Use them for
 * every multiplication, division, power, maximum or minimum by a number in code that may run
 * under gradient recording (forward passes, losses, samplers); {@code add} and {@code sub} by
 * a number are safe (their backward does not read the constant).
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class Scalars {

    private Scalars() {
    }

    /** {@code x * c}. */
    public static NDArray mul(NDArray x, double c) {
        return withConstant(x, c, NDArray::mul);
    }

    /** {@code x / c}. */
    public static NDArray div(NDArray x, double c) {
        return withConstant(x, c, NDArray::div);
    }

    /** {@code x ^ c}, element-wise. */
    public static NDArray pow(NDArray x, double c) {
        return withConstant(x, c, NDArray::pow);
    }

    /** {@code max(x, c)}, element-wise. */
    public static NDArray maximum(NDArray x, double c) {
        return withConstant(x, c, NDArray::maximum);
    }

    /** {@code min(x, c)}, element-wise. */
    public static NDArray minimum(NDArray x, double c) {
        return withConstant(x, c, NDArray::minimum);
    }

    /**
     * {@code op(x, constant)} with a 0-d constant holding {@code c}, of {@code x}'s type, made on
     * {@code x}'s manager in engine-owned memory and released once the operation has returned.
     */
    private static NDArray withConstant(NDArray x, double c, BinaryOperator<NDArray> op) {
        try (NDArray constant = x.getManager().full(new Shape(), (float) c, x.getDataType())) {
            return op.apply(x, constant);
        }
    }
}
