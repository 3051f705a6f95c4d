package io.artifex.core.config.training;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * When and where the trainer writes checkpoints. Each checkpoint is a directory
 * {@code step-NNNNNNNNN} under {@code directory}; the newest {@code keepLast} are kept, plus
 * the best one by {@code monitor} (copied to {@code best}) when {@code saveBest} is on.
 *
 * @param enabled whether checkpoints are written at all; default false
 * @param directory the folder holding the checkpoints; default "checkpoints"
 * @param everySteps write every this many global steps; 0 = not by steps (default)
 * @param everyEpochs write at the end of every this many epochs; 0 = not by epochs; default 1
 * @param keepLast how many periodic checkpoints to keep; default 3
 * @param saveBest also keep the best checkpoint by {@code monitor}; default true
 * @param monitor the epoch metric that decides "best"; default "validation_loss"
 * @param mode whether a lower ({@code min}, default) or higher ({@code max}) metric is better
 */
public record CheckpointConfig(
        @NotNull Boolean enabled,
        @NotBlank String directory,
        @NotNull @PositiveOrZero Integer everySteps,
        @NotNull @PositiveOrZero Integer everyEpochs,
        @NotNull @Positive Integer keepLast,
        @NotNull Boolean saveBest,
        @NotBlank String monitor,
        @NotNull MonitorMode mode) {

    /** Fills every missing field with its default (see the record description). */
    public CheckpointConfig {
        enabled = enabled == null ? Boolean.FALSE : enabled;
        directory = directory == null ? "checkpoints" : directory;
        everySteps = everySteps == null ? 0 : everySteps;
        everyEpochs = everyEpochs == null ? 1 : everyEpochs;
        keepLast = keepLast == null ? 3 : keepLast;
        saveBest = saveBest == null ? Boolean.TRUE : saveBest;
        monitor = monitor == null ? "validation_loss" : monitor;
        mode = mode == null ? MonitorMode.MIN : mode;
    }

    /** Checkpoints switched off. */
    public static CheckpointConfig disabled() {
        return new CheckpointConfig(false, null, null, null, null, null, null, null);
    }
}
