package io.artifex.core.config.training;

import io.artifex.core.config.ConfigLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * When and where the trainer writes checkpoints. Each checkpoint is a directory
 * {@code step-NNNNNNNNN} under {@code directory}; the newest {@code keepLast} are kept, plus
 * the best one by {@code monitor} (copied to {@code best}) when {@code saveBest} is on.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
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
        @NotBlank @Size(max = ConfigLimits.MAX_PATH_LENGTH) String directory,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_STEPS) Integer everySteps,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_EPOCHS) Integer everyEpochs,
        @NotNull @Positive @Max(ConfigLimits.MAX_KEEP) Integer keepLast,
        @NotNull Boolean saveBest,
        @NotBlank @Size(max = ConfigLimits.MAX_TEXT_LENGTH) String monitor,
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
        return builder().enabled(false).build();
    }

    /** Checkpoints switched on, written into {@code directory}; every other field at its default. */
    public static CheckpointConfig in(String directory) {
        return builder().enabled(true).directory(directory).build();
    }

    /** A builder with every field unset (unset fields take the defaults of the record description). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, for a changed copy. */
    public Builder toBuilder() {
        return new Builder().enabled(enabled).directory(directory).everySteps(everySteps).everyEpochs(everyEpochs)
                .keepLast(keepLast).saveBest(saveBest).monitor(monitor).mode(mode);
    }

    /**
     * Builds a {@link CheckpointConfig} one named field at a time; {@link #build()} calls the
     * canonical constructor, so fields left unset take the same defaults as in a config file.
     */
    public static final class Builder {
        private Boolean enabled;
        private String directory;
        private Integer everySteps;
        private Integer everyEpochs;
        private Integer keepLast;
        private Boolean saveBest;
        private String monitor;
        private MonitorMode mode;

        private Builder() {
        }

        /** Sets {@code enabled}. */
        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /** Sets {@code directory}. */
        public Builder directory(String value) {
            this.directory = value;
            return this;
        }

        /** Sets {@code everySteps} (0 = not by steps). */
        public Builder everySteps(int value) {
            this.everySteps = value;
            return this;
        }

        /** Sets {@code everyEpochs} (0 = not by epochs). */
        public Builder everyEpochs(int value) {
            this.everyEpochs = value;
            return this;
        }

        /** Sets {@code keepLast}. */
        public Builder keepLast(int value) {
            this.keepLast = value;
            return this;
        }

        /** Sets {@code saveBest}. */
        public Builder saveBest(boolean value) {
            this.saveBest = value;
            return this;
        }

        /** Sets {@code monitor}, the epoch metric that decides "best". */
        public Builder monitor(String value) {
            this.monitor = value;
            return this;
        }

        /** Sets {@code mode}. */
        public Builder mode(MonitorMode value) {
            this.mode = value;
            return this;
        }

        /** The config; unset fields take their defaults. */
        public CheckpointConfig build() {
            return new CheckpointConfig(enabled, directory, everySteps, everyEpochs, keepLast, saveBest, monitor, mode);
        }
    }
}
