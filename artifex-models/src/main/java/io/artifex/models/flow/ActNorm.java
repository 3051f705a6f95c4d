package io.artifex.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import io.artifex.core.nn.Scalars;

/**
 * Activation normalisation (Kingma and Dhariwal, 2018) on {@code (N, C, H, W)}: a learned
 * per-channel affine map {@code y = (x + bias) * exp(logScale)}, log |det| =
 * {@code H W sum(logScale)}. Data-dependent initialisation ({@link #initializeFromData}) sets
 * bias and scale so that the first batch comes out with zero mean and unit variance per
 * channel; a non-learned flag parameter records that it happened (saved with the model, so a
 * loaded model is not re-initialised).
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class ActNorm extends FlowLayer {

    private static final NDIndex ALL = new NDIndex("...");

    private final int channels;
    private final Parameter bias;
    private final Parameter logScale;
    private final Parameter initialized;
    private boolean dataInitRequested;

    /** An activation normalisation of {@code channels} channels, starting as the identity. */
    public ActNorm(int channels) {
        if (channels <= 0) {
            throw new IllegalArgumentException("actnorm channels must be positive, got " + channels);
        }
        this.channels = channels;
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(channels)).optInitializer(Initializer.ZEROS).build());
        logScale = addParameter(Parameter.builder().setName("logScale").setType(Parameter.Type.OTHER)
                .optShape(new Shape(channels)).optInitializer(Initializer.ZEROS).build());
        initialized = addParameter(Parameter.builder().setName("dataInitialized").setType(Parameter.Type.RUNNING_MEAN)
                .optShape(new Shape(1)).optInitializer(Initializer.ZEROS).optRequiresGrad(false).build());
    }

    /** Whether the data-dependent initialisation has run (read from the saved flag). */
    public boolean isDataInitialized() {
        return initialized.isInitialized() && initialized.getArray().getFloat(0) > 0.5f;
    }

    /** While true, the next {@link #transform} of an uninitialised layer initialises it from its input. */
    void requestDataInit(boolean requested) {
        this.dataInitRequested = requested;
    }

    /**
     * Sets {@code bias = -mean} and {@code logScale = -log(std)} per channel of {@code x} (over
     * batch and positions) and marks the layer initialised. Call outside gradient recording.
     */
    public void initializeFromData(NDArray x) {
        checkInput(x);
        NDArray perChannel = x.transpose(1, 0, 2, 3).reshape(channels, -1);
        NDArray mean = perChannel.mean(new int[] {1}, true);
        NDArray std = perChannel.sub(mean).square().mean(new int[] {1}).sqrt().add(1e-6f);
        // in-place copies into the parameters' own storage (NDArray.set(Buffer) would repoint the
        // tensor at a Java buffer, with another memory alignment and so other rounding in kernels)
        bias.getArray().set(ALL, mean.neg().reshape(bias.getArray().getShape()));
        logScale.getArray().set(ALL, std.log().neg().reshape(logScale.getArray().getShape()));
        initialized.getArray().set(ALL, 1f);
    }

    @Override
    public FlowResult transform(ParameterStore parameterStore, NDArray x, boolean training) {
        checkInput(x);
        if (dataInitRequested && !isDataInitialized()) {
            initializeFromData(x);
        }
        NDManager local = x.getManager();
        NDArray b = onto(local, parameterStore.getValue(bias, x.getDevice(), training).reshape(1, channels, 1, 1));
        NDArray ls = parameterStore.getValue(logScale, x.getDevice(), training);
        NDArray y = x.add(b).mul(onto(local, ls.exp()).reshape(1, channels, 1, 1));
        long positions = x.getShape().get(2) * x.getShape().get(3);
        NDArray logDet = Scalars.mul(onto(local, ls.sum()), (float) positions).broadcast(new Shape(x.getShape().get(0)));
        return new FlowResult(y, logDet);
    }

    @Override
    public NDArray inverse(ParameterStore parameterStore, NDArray y) {
        checkInput(y);
        NDManager local = y.getManager();
        NDArray b = onto(local, parameterStore.getValue(bias, y.getDevice(), false).reshape(1, channels, 1, 1));
        NDArray ls = onto(local, parameterStore.getValue(logScale, y.getDevice(), false).reshape(1, channels, 1, 1));
        return y.mul(ls.neg().exp()).sub(b);
    }

    /**
     * {@code computed}, the result of an operation on a parameter (never the parameter itself),
     * moved to {@code local}: in DJL it was made on the parameters' manager, which lives as long as
     * the model, so every step or sampling call would leave it there.
     */
    static NDArray onto(NDManager local, NDArray computed) {
        computed.attach(local);
        return computed;
    }

    private void checkInput(NDArray x) {
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != channels) {
            throw new IllegalArgumentException("actnorm expects (N, " + channels + ", H, W), got " + x.getShape());
        }
    }
}
