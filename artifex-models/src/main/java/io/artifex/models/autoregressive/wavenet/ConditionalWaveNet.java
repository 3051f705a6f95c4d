package io.artifex.models.autoregressive.wavenet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.model.Batch;
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.random.Rng;

/**
 * A class-conditional {@link WaveNet} ({@code numClasses > 0}): every gated layer adds a learned
 * bias per class to its pre-activations. Training and likelihood batches must carry labels in
 * {@code [0, numClasses)} (speaker or folder indices of {@code dataset: audio}).
 *
 * <p>Thread-safety: as for every model (docs/testing.md, "Concurrent sampling"): sampling and
 * likelihood calls may run on several threads at once, each with its own {@code Rng} and
 * sub-manager; training, loading weights and {@code close} must not overlap any other call.
 */
public final class ConditionalWaveNet extends WaveNet implements ConditionalModel {

    ConditionalWaveNet(WaveNetConfig config, NDManager manager, WaveNetNetwork network) {
        super(config, manager, network);
    }

    /** {@code numClasses} of the config. */
    @Override
    public int numClasses() {
        return config().numClasses();
    }

    /** One clip of {@code sampleLength} codes per label (int64 {@code (n)}), cached, temperature 1. */
    @Override
    public NDArray generate(NDArray labels, NDManager manager, Rng rng) {
        return generate(labels, config().sampleLength(), 1.0, true, manager, rng);
    }

    /** {@code n} clips with labels drawn uniformly over the classes, at {@code temperature}. */
    @Override
    public NDArray generate(int n, double temperature, NDManager target, Rng rng) {
        if (n < 1) {
            throw new IllegalArgumentException("number of clips must be >= 1, got " + n);
        }
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(numClasses());
        }
        try (NDManager scope = target.newSubManager()) {
            return generate(scope.create(labels), config().sampleLength(), temperature, true, target, rng);
        }
    }

    /** The batch's labels as one-hot classes; a batch without labels is refused. */
    @Override
    NDArray batchClasses(Batch batch, NDManager scope) {
        NDArray labels = batch.labels().orElseThrow(() -> new IllegalArgumentException("conditional WaveNet '"
                + config().name() + "' needs labelled batches (numClasses = " + numClasses() + ")"));
        return classes(labels, (int) batch.x().getShape().get(0), scope);
    }
}
