package io.artifex.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.model.Batch;
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.random.Rng;

/**
 * A conditional VAE (Sohn et al., 2015): the one-hot class label is appended to the encoder's
 * input and to the latent code, so {@link #generate(NDArray, NDManager, Rng)} draws digits of
 * chosen classes. Training batches must carry labels.
 *
 * <p>Thread-safety: as for every model (docs/testing.md, "Concurrent sampling"): sampling and
 * likelihood calls may run on several threads at once, each with its own {@code Rng} and
 * sub-manager; training, loading weights and {@code close} must not overlap any other call.
 */
public final class ConditionalVae extends BaseVae implements ConditionalModel {

    ConditionalVae(VaeConfig config, NDManager manager, VaeNetwork network, Shape imageShape) {
        super(config, manager, network, imageShape);
    }

    @Override
    public int numClasses() {
        return config().numClasses();
    }

    @Override
    NDArray conditioning(Batch batch) {
        NDArray labels = batch.labels().orElseThrow(() -> new IllegalArgumentException(
                "conditional VAE '" + config().name() + "' needs labelled batches (numClasses = " + numClasses() + ")"));
        return oneHot(labels);
    }

    /** Samples with labels drawn uniformly over the classes. */
    @Override
    public NDArray generate(int n, NDManager target, Rng rng) {
        NDArray labels = rng.randint(target, 0, numClasses(), new Shape(n));
        return generate(labels, target, rng);
    }

    @Override
    public NDArray generate(NDArray labels, NDManager target, Rng rng) {
        NDArray z = samplePrior((int) labels.getShape().size(), target, rng);
        return decodeWithCondition(z, oneHot(labels), target);
    }

    /** Encodes images with their labels to the posterior mean. */
    public NDArray encode(NDArray x, NDArray labels, NDManager target) {
        return encoderOutput(checkedImages(x), oneHot(labels), new ParameterStore(target, false), false)
                .get(0);
    }

    /** Decodes latent codes for the given labels. */
    public NDArray decode(NDArray z, NDArray labels, NDManager target) {
        return decodeWithCondition(z, oneHot(labels), target);
    }

    private NDArray oneHot(NDArray labels) {
        long[] values = labels.toType(DataType.INT64, false).toLongArray();
        for (long v : values) {
            if (v < 0 || v >= numClasses()) {
                throw new IllegalArgumentException("label " + v + " is outside [0, " + numClasses() + ")");
            }
        }
        return labels.toType(DataType.INT64, false).oneHot(numClasses()).toType(DataType.FLOAT32, false);
    }
}
