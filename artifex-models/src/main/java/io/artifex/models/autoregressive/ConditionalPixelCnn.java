package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.model.Batch;
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.random.Rng;

/**
 * A class-conditional PixelCNN or Gated PixelCNN ({@code numClasses > 0}): a learned per-class
 * bias enters every layer (the gates, for the gated variant), so {@code p(x | y)} is modelled.
 * Training and likelihood batches must carry labels in [0, numClasses).
 *
 * <p>Thread-safety: as for every model (docs/testing.md, "Concurrent sampling"): sampling and
 * likelihood calls may run on several threads at once, each with its own {@code Rng} and
 * sub-manager; training, loading weights and {@code close} must not overlap any other call.
 */
public final class ConditionalPixelCnn extends BasePixelCnn implements ConditionalModel {

    ConditionalPixelCnn(PixelCnnConfig config, NDManager manager, PixelNetwork network) {
        super(config, manager, network);
    }

    @Override
    public int numClasses() {
        return config().numClasses();
    }

    @Override
    NDArray conditioning(Batch batch, NDManager scope) {
        NDArray labels = batch.labels().orElseThrow(() -> new IllegalArgumentException("conditional PixelCNN '"
                + config().name() + "' needs labelled batches (numClasses = " + numClasses() + ")"));
        return scope.create(oneHot(labels), new Shape(labels.getShape().size(), numClasses()));
    }

    /** Samples with labels drawn uniformly over the classes, temperature 1. */
    @Override
    public NDArray generate(int n, NDManager target, Rng rng) {
        Sampling.checkCount(n);
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(numClasses());
        }
        try (NDManager scope = target.newSubManager()) {
            return generate(scope.create(labels), 1.0, target, rng);
        }
    }

    @Override
    public NDArray generate(NDArray labels, NDManager target, Rng rng) {
        return generate(labels, 1.0, target, rng);
    }

    /** One image per label (int64 {@code (n)}), drawn at the given temperature, shape {@code (n, C, H, W)}. */
    public NDArray generate(NDArray labels, double temperature, NDManager target, Rng rng) {
        int n = (int) labels.getShape().size();
        Sampling.checkCount(n);
        return sampleFrom(new float[Math.multiplyExact(n, (int) dimensions())], n, oneHot(labels), 0,
                temperature, target, rng);
    }

    /** Inpainting given the labels: keeps the first {@code knownRows} rows and draws the rest. */
    public NDArray complete(NDArray images, NDArray labels, int knownRows, double temperature,
                            NDManager target, Rng rng) {
        float[] canvas = Sampling.canvas(this, images, knownRows, target);
        int n = (int) images.getShape().get(0);
        if (labels.getShape().size() != n) {
            throw new IllegalArgumentException("labels must have one entry per image (" + n + "), got shape "
                    + labels.getShape());
        }
        return sampleFrom(canvas, n, oneHot(labels), knownRows * width, temperature, target, rng);
    }

    /** The labels as a row-major one-hot matrix (n, K); each must be in [0, K). */
    private float[] oneHot(NDArray labels) {
        if (labels == null) {
            throw new IllegalArgumentException("labels must not be null");
        }
        long[] values = labels.toType(ai.djl.ndarray.types.DataType.INT64, true).toLongArray();
        float[] out = new float[values.length * numClasses()];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= numClasses()) {
                throw new IllegalArgumentException("label " + values[i] + " is outside [0, " + numClasses() + ")");
            }
            out[i * numClasses() + (int) values[i]] = 1f;
        }
        return out;
    }
}
