package io.artifex.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;
import java.util.SplittableRandom;

/**
 * Glow's invertible 1x1 convolution on {@code (N, C, H, W)}, LU-parameterised:
 * {@code W = (I + strictLower(L)) (strictUpper(U) + diag(exp(logS)))}, so that
 * {@code log |det| = H W sum(logS)} needs no determinant from the engine (which has none).
 * Initialised from a random rotation drawn with the given {@link Rng}, its columns' signs
 * chosen so that the LU factors have a positive diagonal. The inverse multiplies by
 * {@code W^-1}, computed on the host.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class InvertibleConv1x1 extends FlowLayer {

    private final int channels;
    private final float[] lowerMask;
    private final float[] upperMask;
    private final float[] eye;
    private final Parameter lower;
    private final Parameter upper;
    private final Parameter logS;

    /** A 1x1 convolution over {@code channels} channels, initialised from {@code rng}. */
    public InvertibleConv1x1(int channels, Rng rng) {
        if (channels <= 0) {
            throw new IllegalArgumentException("1x1 convolution channels must be positive, got " + channels);
        }
        this.channels = channels;
        int n = channels;
        lowerMask = new float[n * n];
        upperMask = new float[n * n];
        eye = new float[n * n];
        for (int i = 0; i < n; i++) {
            eye[i * n + i] = 1f;
            for (int j = 0; j < n; j++) {
                lowerMask[i * n + j] = j < i ? 1f : 0f;
                upperMask[i * n + j] = j > i ? 1f : 0f;
            }
        }
        float[][] init = rotationFactors(n, rng.javaRandom());
        lower = addParameter(Parameter.builder().setName("lower").setType(Parameter.Type.OTHER)
                .optShape(new Shape(n, n)).optInitializer((m, s, t) -> m.create(init[0], s)).build());
        upper = addParameter(Parameter.builder().setName("upper").setType(Parameter.Type.OTHER)
                .optShape(new Shape(n, n)).optInitializer((m, s, t) -> m.create(init[1], s)).build());
        logS = addParameter(Parameter.builder().setName("logS").setType(Parameter.Type.OTHER)
                .optShape(new Shape(n)).optInitializer((m, s, t) -> m.create(init[2], s)).build());
    }

    /** The current weight matrix {@code W} (C x C) on the host, row-major, in double precision. */
    public double[] weightOnHost() {
        NDManager parameters = lower.getArray().getManager();
        try (NDManager scope = parameters.newSubManager()) {
            float[] w = weight(scope, lower.getArray(), upper.getArray(), logS.getArray()).toFloatArray();
            double[] out = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                out[i] = w[i];
            }
            return out;
        }
    }

    @Override
    public FlowResult transform(ParameterStore parameterStore, NDArray x, boolean training) {
        checkInput(x);
        NDArray w = weight(x.getManager(), parameterStore.getValue(lower, x.getDevice(), training),
                parameterStore.getValue(upper, x.getDevice(), training),
                parameterStore.getValue(logS, x.getDevice(), training));
        Shape s = x.getShape();
        NDArray y = w.matMul(x.reshape(s.get(0), channels, -1)).reshape(s);
        NDArray logSSum = ActNorm.onto(x.getManager(), parameterStore.getValue(logS, x.getDevice(), training).sum());
        NDArray logDet = Scalars.mul(logSSum, (float) (s.get(2) * s.get(3))).broadcast(new Shape(s.get(0)));
        return new FlowResult(y, logDet);
    }

    @Override
    public NDArray inverse(ParameterStore parameterStore, NDArray y) {
        checkInput(y);
        double[] inv = HostLinearAlgebra.inverse(weightOnHost(), channels);
        float[] invF = new float[inv.length];
        for (int i = 0; i < inv.length; i++) {
            invF[i] = (float) inv[i];
        }
        Shape s = y.getShape();
        NDArray wInv = y.getManager().create(invF, new Shape(channels, channels));
        return wInv.matMul(y.reshape(s.get(0), channels, -1)).reshape(s);
    }

    private NDArray weight(NDManager manager, NDArray l, NDArray u, NDArray ls) {
        Shape square = new Shape(channels, channels);
        NDArray identity = manager.create(eye, square);
        // every product starts from an array of {@code manager} (the masks, the identity), so the
        // results are made there and not on the parameters' manager
        NDArray lMat = manager.create(lowerMask, square).mul(l).add(identity);
        NDArray diagonal = ActNorm.onto(manager, ls.exp()).reshape(1, channels);
        NDArray uMat = manager.create(upperMask, square).mul(u).add(identity.mul(diagonal));
        return lMat.matMul(uMat);
    }

    private void checkInput(NDArray x) {
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != channels) {
            throw new IllegalArgumentException("1x1 convolution expects (N, " + channels + ", H, W), got " + x.getShape());
        }
    }

    /** {strict lower of L, strict upper of U, log diag U} of a random rotation with a positive-diagonal U. */
    private static float[][] rotationFactors(int n, SplittableRandom random) {
        for (int attempt = 0; attempt < 100; attempt++) {
            double[] q = HostLinearAlgebra.randomOrthogonal(n, random);
            double[][] lu;
            try {
                lu = HostLinearAlgebra.luNoPivot(q, n);
            } catch (IllegalArgumentException singularMinor) {
                continue;
            }
            double minDiag = Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                minDiag = Math.min(minDiag, Math.abs(lu[1][i * n + i]));
            }
            if (minDiag < 0.05) {
                continue;
            }
            float[] l = new float[n * n];
            float[] u = new float[n * n];
            float[] s = new float[n];
            for (int j = 0; j < n; j++) {
                double sign = Math.signum(lu[1][j * n + j]);
                s[j] = (float) Math.log(Math.abs(lu[1][j * n + j]));
                for (int i = 0; i < n; i++) {
                    l[i * n + j] = i > j ? (float) lu[0][i * n + j] : 0f;
                    u[i * n + j] = i < j ? (float) (lu[1][i * n + j] * sign) : 0f;
                }
            }
            return new float[][] {l, u, s};
        }
        throw new IllegalStateException("could not draw a well-conditioned rotation of size " + n);
    }
}
