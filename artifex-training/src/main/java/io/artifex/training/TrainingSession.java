package io.artifex.training;

import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.training.ema.ExponentialMovingAverage;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The running trainer as its callbacks see it.
 *
 * <p>Thread-safety: implementations need not be thread-safe; use one instance per thread unless an
 * implementation says otherwise.
 */
public interface TrainingSession {

    /** The model being trained. */
    GenerativeModel model();

    /** The trainer's configuration. */
    TrainerConfig config();

    /** Global steps completed. */
    long step();

    /** The current epoch, from 0. */
    long epoch();

    /** The total number of steps the run is configured for. */
    long totalSteps();

    /** The weight average, when {@code emaDecay > 0}. */
    Optional<ExponentialMovingAverage> ema();

    /** Asks the trainer to stop after the current step or epoch; the reason ends up in the result. */
    void requestStop(String reason);

    /**
     * Writes a checkpoint of the current state to {@code directory} (atomically, replacing an
     * existing one). Refuses, with {@link TrainingDivergedException}, if any parameter is not finite.
     */
    Path writeCheckpoint(Path directory);
}
