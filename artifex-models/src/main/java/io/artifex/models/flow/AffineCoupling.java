package io.artifex.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import io.artifex.core.config.ActivationType;
import io.artifex.models.common.Mlp;
import java.util.ArrayList;
import java.util.List;

/**
 * RealNVP's affine coupling layer on vectors {@code (N, D)}. A binary mask keeps some
 * coordinates ({@code mask = 1}); a network on {@code x * mask} outputs {@code 2D} values,
 * a log-scale {@code s = tanh(raw)} and a shift {@code t}, used only where {@code mask = 0}:
 * {@code y = x * exp(s) + t} there, {@code y = x} elsewhere; {@code log |det| = sum(s)}.
 * The network is an {@link Mlp} {@code D -> hidden... -> 2D}; its output layer's weight starts
 * at zero, so the layer starts as the identity.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class AffineCoupling extends FlowLayer {

    private final int dim;
    private final float[] mask;
    private final Mlp net;

    /**
     * @param mask 1 for the coordinates that condition (unchanged), 0 for those transformed
     * @param hiddenDims hidden widths of the scale/shift network
     * @param activation its activation
     */
    public AffineCoupling(float[] mask, List<Integer> hiddenDims, ActivationType activation) {
        if (mask == null || mask.length < 2) {
            throw new IllegalArgumentException("coupling mask must cover at least 2 coordinates");
        }
        this.dim = mask.length;
        this.mask = mask.clone();
        List<Integer> widths = new ArrayList<>(hiddenDims);
        widths.add(2 * dim);
        this.net = addChildBlock("net", new Mlp(widths, activation, false));
        // the output layer starts at zero, so the coupling starts as the identity (stable, exactly invertible)
        net.getChildren().get(net.getChildren().size() - 1).getValue()
                .setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
    }

    /** The alternating mask of length {@code dim}: 1 at even indices when {@code parity == 0}, at odd ones otherwise. */
    public static float[] alternatingMask(int dim, int parity) {
        float[] mask = new float[dim];
        for (int i = 0; i < dim; i++) {
            mask[i] = i % 2 == parity ? 1f : 0f;
        }
        return mask;
    }

    @Override
    public FlowResult transform(ParameterStore parameterStore, NDArray x, boolean training) {
        checkInput(x);
        NDArray[] st = scaleAndShift(parameterStore, x, training);
        NDArray y = x.mul(st[0].exp()).add(st[1]);
        return new FlowResult(y, st[0].sum(new int[] {1}));
    }

    @Override
    public NDArray inverse(ParameterStore parameterStore, NDArray y) {
        checkInput(y);
        NDArray[] st = scaleAndShift(parameterStore, y, false);
        return y.sub(st[1]).mul(st[0].neg().exp());
    }

    /** {s, t}, both zero where the mask keeps the coordinate; only kept coordinates are read. */
    private NDArray[] scaleAndShift(ParameterStore parameterStore, NDArray x, boolean training) {
        NDArray keep = x.getManager().create(mask, new Shape(1, dim));
        NDArray change = keep.neg().add(1f);
        NDArray h = net.forward(parameterStore, new NDList(x.mul(keep)), training).singletonOrThrow();
        NDList parts = h.split(new long[] {dim}, 1);
        return new NDArray[] {parts.get(0).tanh().mul(change), parts.get(1).mul(change)};
    }

    private void checkInput(NDArray x) {
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != dim) {
            throw new IllegalArgumentException("affine coupling expects (N, " + dim + "), got " + x.getShape());
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        net.initialize(manager, dataType, inputShapes[0]);
    }
}
