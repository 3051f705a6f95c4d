package io.artifex.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.config.ActivationType;
import io.artifex.core.nn.Scalars;
import java.util.List;

/**
 * One layer of a masked autoregressive flow: with {@code (mu, alpha) = MADE(x)},
 * {@code z_i = (x_i - mu_i(x_<i)) exp(-alpha_i(x_<i))} and {@code log |det| = -sum(alpha)}
 * (the Jacobian is triangular). The MADE's raw log-scale output is soft-bounded to (-5, 5) by
 * {@code 5 tanh(raw / 5)}, so that one bad step cannot overflow {@code exp(-alpha)}. Density evaluation is one pass; the inverse (sampling) takes
 * {@code D} passes, fixing one more variable each time.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class MafLayer extends FlowLayer {

    /** The log-scales are soft-bounded to (-5, 5): {@code alpha = 5 tanh(raw / 5)}, the identity near 0. */
    static final float ALPHA_BOUND = 5f;

    private final int dim;
    private final Made made;

    /** A layer on {@code dim} variables whose MADE has the given hidden widths. */
    public MafLayer(int dim, List<Integer> hiddenDims, ActivationType activation) {
        this.dim = dim;
        this.made = addChildBlock("made", new Made(dim, hiddenDims, activation));
    }

    @Override
    public FlowResult transform(ParameterStore parameterStore, NDArray x, boolean training) {
        NDList muAlpha = muAndAlpha(parameterStore, x, training);
        NDArray alpha = muAlpha.get(1);
        NDArray z = x.sub(muAlpha.get(0)).mul(alpha.neg().exp());
        return new FlowResult(z, alpha.sum(new int[] {1}).neg());
    }

    @Override
    public NDArray inverse(ParameterStore parameterStore, NDArray z) {
        NDArray x = z.zerosLike();
        for (int i = 0; i < dim; i++) {
            NDList muAlpha = muAndAlpha(parameterStore, x, false);
            x = z.mul(muAlpha.get(1).exp()).add(muAlpha.get(0));
        }
        return x;
    }

    private NDList muAndAlpha(ParameterStore parameterStore, NDArray x, boolean training) {
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != dim) {
            throw new IllegalArgumentException("MAF layer expects (N, " + dim + "), got " + x.getShape());
        }
        NDArray h = made.forward(parameterStore, new NDList(x), training).singletonOrThrow();
        NDList parts = h.split(new long[] {dim}, 1);
        NDArray alpha = Scalars.mul(Scalars.div(parts.get(1), ALPHA_BOUND).tanh(), ALPHA_BOUND);
        return new NDList(parts.get(0), alpha);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        made.initialize(manager, dataType, inputShapes[0]);
    }
}
