package io.artifex.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import io.artifex.core.nn.Scalars;

/**
 * The logit pre-processing of dequantised pixels (Dinh et al., 2017):
 * {@code y = logit(alpha + (1 - 2 alpha) x)} for {@code x} in [0, 1), element-wise, with
 * {@code log |det| = sum(log(1 - 2 alpha) - log s - log(1 - s))}, {@code s = alpha + (1 - 2 alpha) x}.
 * No parameters. The inverse is {@code (sigmoid(y) - alpha) / (1 - 2 alpha)}.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class LogitTransform extends FlowLayer {

    private final float alpha;

    /** @param alpha in [0, 0.5): keeps the logit away from the infinities at 0 and 1 */
    public LogitTransform(double alpha) {
        if (!(alpha >= 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("logit alpha must be in [0, 0.5), got " + alpha);
        }
        this.alpha = (float) alpha;
    }

    /** The alpha of the transform. */
    public float alpha() {
        return alpha;
    }

    @Override
    public FlowResult transform(ParameterStore parameterStore, NDArray x, boolean training) {
        NDArray s = Scalars.mul(x, 1f - 2f * alpha).add(alpha);
        NDArray logS = s.log();
        NDArray log1mS = s.neg().add(1f).log();
        NDArray y = logS.sub(log1mS);
        NDArray logDet = sumPerExample(logS.add(log1mS).neg()).add((float) (x.getShape().size() / x.getShape().get(0)
                * Math.log(1.0 - 2.0 * alpha)));
        return new FlowResult(y, logDet);
    }

    @Override
    public NDArray inverse(ParameterStore parameterStore, NDArray y) {
        return Scalars.div(Activation.sigmoid(y).sub(alpha), 1f - 2f * alpha);
    }
}
