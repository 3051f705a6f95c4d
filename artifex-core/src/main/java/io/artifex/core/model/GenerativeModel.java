package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
 * can: {@link LatentModel}, {@link LikelihoodModel}, {@link ConditionalModel},
 * {@link PreviewSampling}. Check with {@code instanceof}.
 *
 * <p>A model owns its parameters (in the manager it was created with) and must be closed.
 */
public interface GenerativeModel extends AutoCloseable {

    /** The validated configuration the model was built from. */
    ModelConfig config();

    /** The root block holding every parameter (for saving, loading, counting, optimizers). */
    Block network();

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
