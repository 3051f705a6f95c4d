package io.artifex.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Space to depth: {@code (N, C, H, W)} to {@code (N, 4C, H/2, W/2)}, each 2x2 patch of a
 * channel becoming 4 channels (channel {@code 4c + 2i + j} holds offset {@code (i, j)} of
 * channel {@code c}). A permutation, so log |det| = 0. Height and width must be even.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class Squeeze extends FlowLayer {

    @Override
    public FlowResult transform(ParameterStore parameterStore, NDArray x, boolean training) {
        Shape s = checked(x.getShape());
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2) / 2;
        long w = s.get(3) / 2;
        NDArray y = x.reshape(n, c, h, 2, w, 2).transpose(0, 1, 3, 5, 2, 4).reshape(n, c * 4, h, w);
        return new FlowResult(y, zeroLogDet(x));
    }

    @Override
    public NDArray inverse(ParameterStore parameterStore, NDArray y) {
        Shape s = y.getShape();
        if (s.dimension() != 4 || s.get(1) % 4 != 0) {
            throw new IllegalArgumentException("unsqueeze expects (N, 4C, H, W), got " + s);
        }
        long n = s.get(0);
        long c = s.get(1) / 4;
        long h = s.get(2);
        long w = s.get(3);
        return y.reshape(n, c, 2, 2, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, c, h * 2, w * 2);
    }

    @Override
    public Shape outputShape(Shape x) {
        Shape s = checked(x);
        return new Shape(s.get(0), s.get(1) * 4, s.get(2) / 2, s.get(3) / 2);
    }

    private static Shape checked(Shape s) {
        if (s.dimension() != 4 || s.get(2) % 2 != 0 || s.get(3) % 2 != 0) {
            throw new IllegalArgumentException("squeeze expects (N, C, H, W) with even H and W, got " + s);
        }
        return s;
    }
}
