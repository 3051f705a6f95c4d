package io.artifex.training;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ConfigValidationException;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.model.GenerativeModel;
import io.artifex.training.callbacks.Callback;
import io.artifex.training.checkpoint.Checkpoint;
import io.artifex.training.checkpoint.CheckpointIO;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * The generic, phase-based trainer. It knows nothing about model families: it runs the
 * {@link io.artifex.core.model.TrainingPhase}s a model declares.
 *
 * <h2>The loop (the reference for family authors)</h2>
 * <pre>
 * prime: give every trainable parameter a zero gradient (so frozen ones read as zero)
 * for epoch e, while steps &lt; totalSteps:                 totalSteps = min(maxSteps, epochs * batchesPerEpoch)
 *   for each batch of train.epoch(e):                     (resumed runs skip the batches already seen)
 *     open a sub-manager of the parameters' manager        (every array of the step lives on it)
 *     batch = iterator.next(stepManager)
 *     ctx   = StepContext(stepManager, ParameterStore, Rng(seed).fork("step-" + step), training, step)
 *     for each phase, phase.repeats() times:
 *       prepared = objective.prepare(batch, ctx)           no gradient recording
 *       freeze every trainable parameter outside the phase's group (Parameter.freeze)
 *       one GradientCollector: r = objective.loss(prepared, ctx); check r.total and r.terms are finite; backward
 *       clip the group's gradients to gradientClipNorm (global L2 norm), if set
 *       optimizer[phase.optimizer()].update(group.trainable(), schedule(step))   in place, no recording
 *       zero every gradient; unfreeze
 *       objective.afterUpdate(prepared, ctx)
 *     ema.update() if emaDecay &gt; 0; close the step manager
 *     callbacks.onStepEnd(StepMetrics: "&lt;phase&gt;/loss", "&lt;phase&gt;/&lt;term&gt;", "loss", "lr/&lt;key&gt;")
 *   validation (every validateEvery epochs, under the EMA weights if any): the example-weighted
 *     mean of model.loss(batch, model.forward(batch, ctx), ctx) with training = false
 *   callbacks.onEpochEnd(EpochMetrics: epoch means + "validation_loss")
 * callbacks.onTrainEnd(result)
 * </pre>
 *
 * <p><b>Managers.</b> The trainer takes no manager: it uses the manager of the model's
 * parameter arrays and opens one sub-manager per step (and per validation batch), closed when
 * the step ends, so the number of live arrays does not grow with the number of steps.
 *
 * <p><b>Randomness.</b> Step {@code i} draws only from {@code new Rng(seed).fork("step-" + i)},
 * so a run resumed from a checkpoint continues exactly as the uninterrupted run would have.
 *
 * <p><b>Divergence.</b> A NaN or infinite loss or loss term throws
 * {@link TrainingDivergedException} naming the phase, step and term, before the update; a
 * checkpoint is never written from parameters that are not finite.
 *
 * <p><b>Optimizers.</b> One optimizer per optimizer key the phases name; settings from
 * {@link TrainerConfig#optimizerFor}, schedule from {@link TrainerConfig#scheduleFor}.
 */
public final class Trainer {

    private static ValidatorFactory validators;

    private final TrainerConfig config;
    private final List<Callback> callbacks;

    /** A trainer for a validated config; callbacks run in the given order. */
    public Trainer(TrainerConfig config, List<Callback> callbacks) {
        if (config == null) {
            throw new IllegalArgumentException("trainer config must not be null");
        }
        List<String> violations = validator().getValidator().validate(config).stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage()).toList();
        if (!violations.isEmpty()) {
            throw new ConfigValidationException("trainer", violations);
        }
        this.config = config;
        this.callbacks = List.copyOf(callbacks == null ? List.of() : callbacks);
    }

    private static synchronized ValidatorFactory validator() {
        if (validators == null) {
            validators = Validation.buildDefaultValidatorFactory();
        }
        return validators;
    }

    /** The configuration. */
    public TrainerConfig config() {
        return config;
    }

    /**
     * Trains {@code model} on {@code train} from step 0 and validates on {@code validation}
     * (may be null). Returns the history.
     */
    public TrainingResult fit(GenerativeModel model, BatchSource train, BatchSource validation) {
        checkArguments(model, train);
        try (TrainingRun run = new TrainingRun(config, callbacks, model, train, validation)) {
            return run.run();
        }
    }

    /**
     * Continues the run saved in {@code checkpointDir}: loads the parameters into
     * {@code model} (in place), the optimizer states, the EMA and the counters, then trains to
     * this trainer's configured end. The config's seed must equal the checkpoint's.
     */
    public TrainingResult resume(Path checkpointDir, GenerativeModel model, BatchSource train, BatchSource validation) {
        checkArguments(model, train);
        if (checkpointDir == null) {
            throw new IllegalArgumentException("checkpoint directory must not be null");
        }
        try (TrainingRun run = new TrainingRun(config, callbacks, model, train, validation);
             NDManager loading = model.manager().newSubManager()) {
            Checkpoint checkpoint = CheckpointIO.read(checkpointDir, loading);
            run.restore(checkpoint);
            loading.close();
            return run.run();
        }
    }

    private void checkArguments(GenerativeModel model, BatchSource train) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (train == null) {
            throw new IllegalArgumentException("training source must not be null");
        }
        if (train.batchSize() != config.batchSize()) {
            throw new IllegalArgumentException("training source batch size " + train.batchSize()
                    + " differs from the trainer config's batchSize " + config.batchSize());
        }
    }
}
