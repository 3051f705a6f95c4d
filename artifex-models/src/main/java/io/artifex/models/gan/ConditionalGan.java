package io.artifex.models.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.Batch;
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.model.LatentPath;
import io.artifex.core.random.Rng;

/**
 * A conditional GAN (Mirza and Osindero, 2014): the one-hot class label is appended to the
 * generator's latent vector, and to the discriminator's input, as one constant plane per class
 * for images or as extra features for vectors. Training batches must carry labels; fakes in
 * training get the labels of the real batch.
 *
 * <p>Thread-safety: as for every model (docs/testing.md, "Concurrent sampling"): sampling and
 * likelihood calls may run on several threads at once, each with its own {@code Rng} and
 * sub-manager; training, loading weights and {@code close} must not overlap any other call.
 */
public final class ConditionalGan extends BaseGan implements ConditionalModel {

    ConditionalGan(ModelConfig config, GanSettings settings, NDManager manager, GanNetwork network) {
        super(config, settings, manager, network);
    }

    @Override
    public int numClasses() {
        return settings.numClasses();
    }

    /** Samples with labels drawn uniformly over the classes. */
    @Override
    NDArray generateFrom(NDArray z, NDManager target, Rng rng) {
        NDArray labels = rng.randint(target, 0, numClasses(), new Shape(z.getShape().get(0)));
        return decode(z, labels, target);
    }

    @Override
    public NDArray generate(NDArray labels, NDManager target, Rng rng) {
        if (labels == null || labels.getShape().dimension() != 1) {
            throw new IllegalArgumentException("labels must have shape (n), got "
                    + (labels == null ? "null" : labels.getShape()));
        }
        return decode(samplePrior((int) labels.getShape().get(0), target, rng), labels, target);
    }

    /** The generator in evaluation mode on latents {@code (N, latentDim)} with labels {@code (N)}. */
    public NDArray decode(NDArray z, NDArray labels, NDManager target) {
        if (labels.getShape().size() != z.getShape().get(0)) {
            throw new IllegalArgumentException("got " + z.getShape().get(0) + " latents but "
                    + labels.getShape().size() + " labels");
        }
        return decodeWith(z, oneHot(labels), target);
    }

    /**
     * Decoded path from latent {@code z1} to {@code z2} for one class {@code label}, shape
     * (steps, ...): linear or spherical (see {@link LatentPath#between}).
     */
    public NDArray interpolateLatents(NDArray z1, NDArray z2, int label, int steps, boolean spherical,
                                      NDManager target) {
        NDArray path = LatentPath.between(z1, z2, steps, spherical, target);
        NDArray labels = target.full(new Shape(steps), label);
        return decode(path, labels, target);
    }

    @Override
    NDArray conditioning(Batch batch) {
        NDArray labels = batch.labels().orElseThrow(() -> new IllegalArgumentException("conditional GAN '"
                + settings.name() + "' needs labelled batches (numClasses = " + numClasses() + ")"));
        return oneHot(labels);
    }

    private NDArray oneHot(NDArray labels) {
        NDArray ints = labels.toType(DataType.INT64, false);
        for (long v : ints.toLongArray()) {
            if (v < 0 || v >= numClasses()) {
                throw new IllegalArgumentException("label " + v + " is outside [0, " + numClasses() + ")");
            }
        }
        return ints.oneHot(numClasses()).toType(DataType.FLOAT32, false);
    }
}
