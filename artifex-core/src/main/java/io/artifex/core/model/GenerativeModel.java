package io.artifex.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.random.Rng;
import java.util.List;

/**
 * The contract every generative model family implements: a forward pass, a loss, and
 * sampling, plus the training phases a generic trainer runs.
 *
 * <p>Optional capabilities are separate interfaces a model implements only when it really
 * can: {@link LatentGenerator} (a latent prior and a decoder), {@link LatentEncoder} (also an
 * encoder), {@link LikelihoodModel}, {@link ImportanceWeightedLikelihood},
 * {@link ConditionalModel}, {@link PreviewSampling}. Check with {@code instanceof}; none of
 * their methods throws "not supported".
 *
 * <p>A model owns its parameters (on {@link #manager()}, the manager it was created with, which
 * fixes its {@link #device()}) and must be closed. Families extend
 * {@link AbstractGenerativeModel}, which holds what every model has.
 *
 * <p>Thread-safety: sampling ({@code generate}, {@code sample} and the capability methods) may run on several threads at once, each call with its own {@code Rng} and its own sub-manager, and gives the samples of the same seed drawn alone; training, loading weights and {@code close} must not overlap any other call.
 */
public interface GenerativeModel extends AutoCloseable {

    /** The validated configuration the model was built from. */
    ModelConfig config();

    /** The root block holding every parameter (for saving, loading, counting, optimizers). */
    Block network();

    /**
     * The manager the parameters live on. Work for this model belongs under it: open
     * {@code manager().newSubManager()} for a step or a sampling run and close it, so every array
     * is on the model's device.
     */
    NDManager manager();

    /** The device the parameters live on (the device of {@link #manager()}). */
    default Device device() {
        return manager().getDevice();
    }

    /**
     * The shape of one example without the batch axis, as the model's tensors hold it: e.g.
     * {@code (1, 28, 28)} (channels, height, width) for images, {@code (2)} for points. Batches
     * the model reads and samples it writes are {@code (N, exampleShape...)}.
     */
    Shape exampleShape();

    /** The forward pass on a batch; its outputs feed {@link #loss}. */
    ModelOutputs forward(Batch batch, StepContext context);

    /** The training loss for a batch and the outputs of {@link #forward} on it. */
    LossResult loss(Batch batch, ModelOutputs outputs, StepContext context);

    /**
     * Draws {@code n} new samples in the data space (shape {@code (n, ...)}), on
     * {@code manager}, using only {@code rng} for randomness: same seed, same samples.
     */
    NDArray generate(int n, NDManager manager, Rng rng);

    /** Alias of {@link #generate}. */
    default NDArray sample(int n, NDManager manager, Rng rng) {
        return generate(n, manager, rng);
    }

    /**
     * The phases of one training step. The default is a single phase over all parameters
     * that minimises {@code loss(batch, forward(batch))} with the default optimizer.
     */
    default List<TrainingPhase> trainingPhases() {
        PhaseObjective objective = (batch, context) -> loss(batch, forward(batch, context), context);
        return List.of(TrainingPhase.single(ParameterGroup.of("all", network()), objective));
    }

    /**
     * The data this model expects: value range, example shape, discrete or continuous, and the
     * data preprocessing that produces it. The trainer and the evaluators check the first batch
     * against it and refuse a mismatch. Every built-in family declares its own; the default,
     * {@link DataContract#any()}, accepts any finite values of any shape.
     */
    default DataContract dataContract() {
        return DataContract.any();
    }

    /** The number of learned scalar weights (batch-norm running statistics excluded). */
    default long parameterCount() {
        long total = 0;
        for (Parameter p : network().getParameters().values()) {
            if (ParameterGroup.isLearned(p) && p.isInitialized()) {
                total += p.getArray().size();
            }
        }
        return total;
    }

    /** Releases the parameters' native memory. */
    @Override
    void close();
}
