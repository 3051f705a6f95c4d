package io.artifex.training;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ConfigValidationException;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.config.training.CheckpointConfig;
import io.artifex.core.config.training.EarlyStoppingConfig;
import io.artifex.training.callbacks.Callback;
import io.artifex.training.callbacks.CheckpointCallback;
import io.artifex.training.callbacks.EarlyStopping;
import io.artifex.training.callbacks.NanGuard;
import io.artifex.training.checkpoint.Checkpoint;
import io.artifex.training.checkpoint.CheckpointIO;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic, phase-based trainer. It knows nothing about model families: it runs the
 * {@link io.artifex.core.model.TrainingPhase}s a model declares.
 *
 * <pre>{@code
 * TrainerConfig config = TrainerConfig.builder().epochs(20).batchSize(64).seed(0)
 *         .optimizer(OptimizerConfig.builder().learningRate(1e-3).gradientClipNorm(100).build())
 *         .checkpoint(CheckpointConfig.in("checkpoints"))
 *         .earlyStopping(EarlyStoppingConfig.on("validation_loss", MonitorMode.MIN, 3))
 *         .build();
 * TrainingResult result = new Trainer(config, List.of(new ProgressBarCallback(50)))
 *         .fit(model, train, validation);
 * }</pre>
 *
 * <h2>The loop (the reference for family authors)</h2>
 * <pre>
 * check: the first training and validation batches against model.dataContract()   (refused before any step)
 * prime: give every trainable parameter a zero gradient (so frozen ones read as zero)
 * for epoch e, while steps &lt; totalSteps:                 totalSteps = min(maxSteps, epochs * batchesPerEpoch)
 *   for each batch of train.epoch(e):                     (resumed runs skip the batches already seen)
 *     open a sub-manager of the parameters' manager        (every array of the step lives on it)
 *     batch = iterator.next(stepManager)
 *     ctx   = StepContext(stepManager, ParameterStore, Rng(seed).fork("step-" + step), training, step)
 *     for each phase active at this step (TrainingPhase.activeAt), phase.repeats() times:
 *       prepared = objective.prepare(batch, ctx)           no gradient recording
 *       freeze every trainable parameter outside the phase's group (Parameter.freeze)
 *       one GradientCollector: r = objective.loss(prepared, ctx); check r.total and r.terms are finite; backward
 *       clip the group's gradients to gradientClipNorm (global L2 norm), if set
 *       optimizer[phase.optimizer()].update(group.trainable(), schedule(step))   in place, no recording
 *       zero every gradient; unfreeze
 *       objective.afterUpdate(prepared, ctx)
 *     ema.update() if emaDecay &gt; 0; close the step manager
 *     callbacks.onStepEnd(StepMetrics: "&lt;phase&gt;/loss", "&lt;phase&gt;/&lt;term&gt;" of the active phases, "loss" (the first active one), "lr/&lt;key&gt;")
 *   validation (every validateEvery epochs, under the EMA weights if any, training = false), of the
 *     phases active at the last step run: each phase whose objective has newValidation() measures
 *     every batch into "validation/&lt;phase&gt;/&lt;name&gt;"; "validation_loss" is the first active phase's
 *     "loss" from it, or else the example-weighted mean of model.loss(batch, model.forward(batch, ctx), ctx)
 *   callbacks.onEpochEnd(EpochMetrics: epoch means + "validation_loss" + "validation/&lt;phase&gt;/&lt;name&gt;")
 *   (when maxSteps ends the run part way through an epoch, that epoch still closes, with complete = false:
 *    the means of its steps, a validation of the final weights whatever validateEvery's interval, onEpochEnd;
 *    early stopping, epoch checkpoints and sample grids skip it; the final checkpoint follows in onTrainEnd)
 * callbacks.onTrainEnd(result)
 * if emaDecay &gt; 0: copy the moving average into the model's parameters
 * </pre>
 *
 * <h2>Callbacks built from the config, and their order</h2>
 * Every event goes to the callbacks in this order ({@link #callbacks()} lists them):
 * <ol>
 *   <li>{@link NanGuard}, always, every {@code logEvery} steps: checks that every parameter is
 *       finite (the loop itself checks every loss before each update);</li>
 *   <li>{@link EarlyStopping}, when {@code earlyStopping.enabled};</li>
 *   <li>the caller's callbacks that {@linkplain Callback#recordsBeforeCheckpoint() record before the
 *       checkpoint} (the metrics and TensorBoard writers), in the order given;</li>
 *   <li>{@link CheckpointCallback}, when {@code checkpoint.enabled};</li>
 *   <li>the caller's other callbacks, in the order given.</li>
 * </ol>
 * The guard is first so that nothing after it (a checkpoint, a user's sampler or logger) sees a
 * step whose weights are not finite. Early stopping and checkpointing read the same epoch
 * metrics and change nothing the other reads, so their relative order does not change a run;
 * early stopping goes first so that a monitored metric that does not exist fails the run before
 * a checkpoint is written for that epoch. The recorders come before the checkpoint, so a
 * process killed just after a checkpoint was written has already logged every step that
 * checkpoint holds. The caller's other callbacks come last: when they see a step or an epoch,
 * its weights have passed the guard and its checkpoint is already on disk.
 * After every {@code onTrainEnd}, when {@code emaDecay > 0}, the trainer copies
 * the moving average into the model, so the model {@link #fit} returns holds the averaged weights,
 * while the final checkpoint and the callbacks' {@code onTrainEnd} still saw the trained ones
 * (the checkpoint keeps the average beside them, so a resumed run continues exactly).
 *
 * <p>A caller's callback that would repeat a built-in one (a {@link CheckpointCallback} into
 * the configured checkpoint directory, or an {@link EarlyStopping} with the configured settings)
 * is refused: it would write every checkpoint twice.
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
 *
 * <p>Thread-safety: a {@code Trainer} runs one {@code fit} at a time and is not thread-safe; the model it trains must not be used by other threads during {@code fit}.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final String VALIDATION_LOSS = "validation_loss";

    private static ValidatorFactory validators;

    private final TrainerConfig config;
    private final List<Callback> extra;

    /** A trainer for a validated config, with only the callbacks it builds from the config. */
    public Trainer(TrainerConfig config) {
        this(config, List.of());
    }

    /**
     * A trainer for a validated config, with the callbacks it builds from the config followed by
     * {@code callbacks} (may be null or empty), which run in the given order after the built-in
     * ones. See the class description for the order and the reason for it.
     */
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
        List<Callback> given = callbacks == null ? List.of() : callbacks;
        for (int i = 0; i < given.size(); i++) {
            checkNotBuiltIn(given.get(i), i);
        }
        this.extra = List.copyOf(given);
    }

    private void checkNotBuiltIn(Callback callback, int index) {
        if (callback == null) {
            throw new IllegalArgumentException("callbacks[" + index + "] is null");
        }
        CheckpointConfig checkpoint = config.checkpoint();
        if (checkpoint.enabled() && callback instanceof CheckpointCallback c
                && c.directory().toAbsolutePath().normalize().equals(
                        Path.of(checkpoint.directory()).toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("callbacks[" + index + "] is a CheckpointCallback into '"
                    + checkpoint.directory() + "', which the trainer already writes from TrainerConfig.checkpoint;"
                    + " remove it (or switch checkpoint.enabled off to manage checkpoints yourself)");
        }
        EarlyStoppingConfig stopping = config.earlyStopping();
        if (stopping.enabled() && callback instanceof EarlyStopping e && e.config().equals(stopping)) {
            throw new IllegalArgumentException("callbacks[" + index + "] is an EarlyStopping with the settings of"
                    + " TrainerConfig.earlyStopping, which the trainer already applies; remove it");
        }
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
     * The callbacks a run of this trainer calls, in order: new instances of the ones built from
     * the config (each {@link #fit} and {@link #resume} gets its own), then the caller's.
     */
    public List<Callback> callbacks() {
        List<Callback> all = new ArrayList<>();
        all.add(new NanGuard(config.logEvery()));
        if (config.earlyStopping().enabled()) {
            all.add(new EarlyStopping(config.earlyStopping()));
        }
        extra.stream().filter(Callback::recordsBeforeCheckpoint).forEach(all::add);
        if (config.checkpoint().enabled()) {
            all.add(new CheckpointCallback(config.checkpoint()));
        }
        extra.stream().filter(c -> !c.recordsBeforeCheckpoint()).forEach(all::add);
        return List.copyOf(all);
    }

    /**
     * Trains {@code model} on {@code train} from step 0 and validates on {@code validation}
     * (may be null). Returns the history.
     */
    public TrainingResult fit(GenerativeModel model, BatchSource train, BatchSource validation) {
        checkArguments(model, train, validation);
        FirstBatchCheck.check(model, train, validation);
        try (TrainingRun run = new TrainingRun(config, callbacks(), model, train, validation)) {
            return run.run();
        }
    }

    /**
     * Continues the run saved in {@code checkpointDir}: loads the parameters into
     * {@code model} (in place), the optimizer states, the EMA and the counters, then trains to
     * this trainer's configured end. The config's seed must equal the checkpoint's. Early
     * stopping and the "best" checkpoint start afresh from the resumed step.
     */
    public TrainingResult resume(Path checkpointDir, GenerativeModel model, BatchSource train, BatchSource validation) {
        checkArguments(model, train, validation);
        if (checkpointDir == null) {
            throw new IllegalArgumentException("checkpoint directory must not be null");
        }
        FirstBatchCheck.check(model, train, validation);
        try (TrainingRun run = new TrainingRun(config, callbacks(), model, train, validation);
             NDManager loading = model.manager().newSubManager()) {
            Checkpoint checkpoint = CheckpointIO.read(checkpointDir, loading);
            run.restore(checkpoint);
            loading.close();
            return run.run();
        }
    }

    private void checkArguments(GenerativeModel model, BatchSource train, BatchSource validation) {
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
        boolean validates = validation != null && config.validateEvery() > 0;
        String why = validation == null ? "no validation source was given" : "validateEvery is 0";
        if (config.earlyStopping().enabled() && VALIDATION_LOSS.equals(config.earlyStopping().monitor()) && !validates) {
            throw new IllegalArgumentException("earlyStopping.monitor is '" + VALIDATION_LOSS + "' but " + why
                    + "; pass a validation source, or monitor a training metric such as 'loss'");
        }
        CheckpointConfig checkpoint = config.checkpoint();
        if (checkpoint.enabled() && checkpoint.saveBest() && VALIDATION_LOSS.equals(checkpoint.monitor()) && !validates) {
            LOG.warn("checkpoint.saveBest monitors '{}' but {}: no best checkpoint will be kept", VALIDATION_LOSS, why);
        }
    }
}
