package io.artifex.core.autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.artifex.core.loss.Losses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Gradient penalties for GAN critics (WGAN-GP, R1), which need second-order gradients: the
 * penalty is a function of {@code g = dD/dx}, and the critic's parameters are trained on its
 * gradient {@code d penalty / d theta}. DJL has no API for this, so this class (the only one in
 * the project that does) calls PyTorch's backward through {@link JniUtils} and refuses any other
 * engine with an {@link IllegalStateException}.
 *
 * <h2>How it works (checked on DJL 0.36 / PyTorch 2.7.1)</h2>
 * <ol>
 *   <li>Call it <b>inside the caller's open {@code GradientCollector}</b>, while building the
 *       critic loss. Outside a collector gradient recording is off, nothing is recorded and the
 *       first backward fails ("does not require grad"); this class checks and throws first.</li>
 *   <li>{@code x} is detached ({@code stopGradient}, no copy) and marked
 *       {@code setRequiresGradient(true)}: the input gradient lands in the {@code .grad} of a
 *       leaf, and nothing flows back into whatever produced {@code x} (e.g. the generator).</li>
 *   <li>{@code D = critic(x)} is evaluated and
 *       {@code JniUtils.backward(D, ones, keepGraph = true, createGraph = true)} runs: the
 *       input's gradient {@code g = x.getGradient()} now carries its own graph (back to the
 *       critic's weights), so a penalty built from it is differentiable in the weights. Using
 *       {@code ones} means {@code g} is the gradient of {@code sum(D)}, which equals each
 *       example's own {@code dD_i/dx_i} as long as the critic treats examples independently (no
 *       batch norm in the critic, as WGAN-GP requires anyway).</li>
 *   <li>That backward also <em>adds</em> {@code dD/dtheta} to every parameter's gradient (measured:
 *       without a reset, the design check below gives 3564 = 3528 + 36 instead of 3528). So each
 *       parameter gradient is reset to what it held before the call: a copy is taken first and
 *       written back afterwards with recording switched off ({@code JniUtils.zeroGrad} when
 *       there was none). The parameters reset are those given to the factory method; any other
 *       leaf the critic reads keeps the stray first-order term.</li>
 *   <li>The caller then adds {@code lambda * penalty} to its loss and calls
 *       {@code collector.backward(loss)} as usual: parameters receive the exact gradient of the
 *       penalty including its second-order part (checked: {@code d/dw sum((d/dx w x^3)^2) = 3528}
 *       at w = 2, x = (1, 2, 3), and central finite differences on a small MLP critic in the
 *       tests).</li>
 * </ol>
 *
 * <p>PyTorch prints a one-time warning that {@code backward(create_graph=True)} makes a reference
 * cycle between a parameter and its gradient. Here the cycle is bounded: each parameter keeps
 * at most the graph of the latest penalty until its gradient is replaced by the next one.
 *
 * <p>The arrays created here (the detached input, the critic output, {@code g}) belong to
 * {@code x}'s manager, so they are freed with the caller's per-step manager.
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class GradientPenalty {

    /** Added under the square root of WGAN-GP's norm so that its gradient stays finite at g = 0. */
    public static final double NORM_EPSILON = 1e-12;

    private static final String PYTORCH = "PyTorch";

    private final Supplier<List<NDArray>> parameterArrays;

    private GradientPenalty(Supplier<List<NDArray>> parameterArrays) {
        this.parameterArrays = parameterArrays;
    }

    /** A penalty for a critic whose parameters are all those of {@code critic} (read at each call). */
    public static GradientPenalty forBlock(Block critic) {
        if (critic == null) {
            throw new IllegalArgumentException("critic block must not be null");
        }
        return new GradientPenalty(() -> trainableArrays(critic.getParameters().values()));
    }

    /** A penalty for a critic with the given parameters, e.g. {@code ParameterGroup.parameters()}. */
    public static GradientPenalty forParameters(Collection<Parameter> parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        List<Parameter> copy = List.copyOf(parameters);
        return new GradientPenalty(() -> trainableArrays(copy));
    }

    /** A penalty for a critic written directly in terms of these parameter arrays. */
    public static GradientPenalty forArrays(NDArray... parameterArrays) {
        if (parameterArrays == null || Arrays.stream(parameterArrays).anyMatch(a -> a == null)) {
            throw new IllegalArgumentException("parameter arrays must not be null");
        }
        List<NDArray> copy = List.of(parameterArrays);
        return new GradientPenalty(() -> copy);
    }

    /**
     * {@code g = d sum(critic(x)) / dx}, still attached to the graph so that a function of it can be
     * backpropagated to the critic's parameters. Parameter gradients are left as they were.
     *
     * @param critic the critic's forward function, output (N) or (N, 1)
     * @param x the points, (N, ...); not modified
     * @return {@code g}, shape of {@code x}
     * @throws IllegalStateException on an engine other than PyTorch, or outside a GradientCollector
     */
    public NDArray inputGradient(Function<NDArray, NDArray> critic, NDArray x) {
        if (critic == null) {
            throw new IllegalArgumentException("critic must not be null");
        }
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        requirePyTorch(x.getManager().getEngine().getEngineName());
        if (!JniUtils.isGradMode()) {
            throw new IllegalStateException("GradientPenalty must be called inside an open GradientCollector"
                    + " (gradient recording is off, so no graph would be built)");
        }
        List<NDArray> params = parameterArrays.get();
        try (NDManager snapshots = x.getManager().newSubManager()) {
            List<NDArray> before = new ArrayList<>(params.size());
            for (NDArray p : params) {
                PtNDArray grad = JniUtils.getGradient((PtNDArray) p);
                NDArray copy = null;
                if (grad != null) {
                    copy = grad.duplicate();
                    copy.attach(snapshots);
                    grad.close();
                }
                before.add(copy);
            }

            NDArray point = x.stopGradient();
            point.setRequiresGradient(true);
            NDArray out = critic.apply(point);
            if (out == null) {
                throw new IllegalArgumentException("critic returned null");
            }
            NDArray ones = out.onesLike();
            JniUtils.backward((PtNDArray) out, (PtNDArray) ones, true, true);
            NDArray g = point.getGradient();

            restore(params, before);
            return g;
        }
    }

    /**
     * WGAN-GP's penalty {@code mean_i (||g_i||_2 - 1)^2}, with per-example norms over the
     * non-batch axes, as a scalar attached to the graph. Usually evaluated at random
     * interpolates between real and generated examples.
     */
    public NDArray wganGp(Function<NDArray, NDArray> critic, NDArray x) {
        return wganGpFromGradient(inputGradient(critic, x));
    }

    /** R1's penalty {@code mean_i ||g_i||^2} (multiply by gamma / 2 yourself), usually at real data. */
    public NDArray r1(Function<NDArray, NDArray> critic, NDArray x) {
        return r1FromGradient(inputGradient(critic, x));
    }

    /** {@code mean_i (sqrt(||g_i||^2 + NORM_EPSILON) - 1)^2} for a gradient g of shape (N, ...). */
    public static NDArray wganGpFromGradient(NDArray g) {
        NDArray norms = Losses.sumPerExample(g.square()).add(NORM_EPSILON).sqrt();
        return norms.sub(1).square().mean();
    }

    /** {@code mean_i ||g_i||^2} for a gradient g of shape (N, ...). */
    public static NDArray r1FromGradient(NDArray g) {
        return Losses.sumPerExample(g.square()).mean();
    }

    /** Throws unless {@code engineName} is PyTorch, the only engine with second-order backward here. */
    static void requirePyTorch(String engineName) {
        if (!PYTORCH.equals(engineName)) {
            throw new IllegalStateException("GradientPenalty needs second-order gradients, available only on the "
                    + PYTORCH + " engine; the arrays belong to engine '" + engineName + "'");
        }
    }

    private static void restore(List<NDArray> params, List<NDArray> before) {
        JniUtils.setGradMode(false);
        try {
            for (int i = 0; i < params.size(); i++) {
                PtNDArray p = (PtNDArray) params.get(i);
                JniUtils.zeroGrad(p);
                NDArray saved = before.get(i);
                if (saved != null) {
                    try (PtNDArray grad = JniUtils.getGradient(p)) {
                        grad.addi(saved);
                    }
                }
            }
        } finally {
            JniUtils.setGradMode(true);
        }
    }

    private static List<NDArray> trainableArrays(Collection<Parameter> parameters) {
        List<NDArray> arrays = new ArrayList<>();
        for (Parameter parameter : parameters) {
            if (parameter.isInitialized() && parameter.requiresGradient()) {
                arrays.add(parameter.getArray());
            }
        }
        return arrays;
    }
}
