package io.artifex.core.config.training;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.Finite;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Stop training when an epoch metric has not improved for {@code patience} epochs.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param enabled whether early stopping is on; default false
 * @param monitor the epoch metric to watch; default "validation_loss"
 * @param mode {@code min} (default) or {@code max}
 * @param patience epochs without improvement before stopping; default 5
 * @param minDelta the smallest change that counts as an improvement; default 0
 */
public record EarlyStoppingConfig(
        @NotNull Boolean enabled,
        @NotBlank @Size(max = ConfigLimits.MAX_TEXT_LENGTH) String monitor,
        @NotNull MonitorMode mode,
        @NotNull @Positive @Max(ConfigLimits.MAX_EPOCHS) Integer patience,
        @NotNull @Finite @PositiveOrZero @DecimalMax(ConfigLimits.MAX_FACTOR) Double minDelta) {

    /** Fills every missing field with its default (see the record description). */
    public EarlyStoppingConfig {
        enabled = enabled == null ? Boolean.FALSE : enabled;
        monitor = monitor == null ? "validation_loss" : monitor;
        mode = mode == null ? MonitorMode.MIN : mode;
        patience = patience == null ? 5 : patience;
        minDelta = minDelta == null ? 0.0 : minDelta;
    }

    /** Early stopping switched off. */
    public static EarlyStoppingConfig disabled() {
        return builder().enabled(false).build();
    }

    /**
     * Early stopping switched on: stop when {@code monitor} has not improved (by more than 0) in
     * {@code mode}'s direction for {@code patience} measured epochs.
     */
    public static EarlyStoppingConfig on(String monitor, MonitorMode mode, int patience) {
        return builder().enabled(true).monitor(monitor).mode(mode).patience(patience).build();
    }

    /** A builder with every field unset (unset fields take the defaults of the record description). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, for a changed copy. */
    public Builder toBuilder() {
        return new Builder().enabled(enabled).monitor(monitor).mode(mode).patience(patience).minDelta(minDelta);
    }

    /**
     * Builds an {@link EarlyStoppingConfig} one named field at a time; {@link #build()} calls the
     * canonical constructor, so fields left unset take the same defaults as in a config file.
     */
    public static final class Builder {
        private Boolean enabled;
        private String monitor;
        private MonitorMode mode;
        private Integer patience;
        private Double minDelta;

        private Builder() {
        }

        /** Sets {@code enabled}. */
        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /** Sets {@code monitor}, the epoch metric to watch. */
        public Builder monitor(String value) {
            this.monitor = value;
            return this;
        }

        /** Sets {@code mode}. */
        public Builder mode(MonitorMode value) {
            this.mode = value;
            return this;
        }

        /** Sets {@code patience}. */
        public Builder patience(int value) {
            this.patience = value;
            return this;
        }

        /** Sets {@code minDelta}. */
        public Builder minDelta(double value) {
            this.minDelta = value;
            return this;
        }

        /** The config; unset fields take their defaults. */
        public EarlyStoppingConfig build() {
            return new EarlyStoppingConfig(enabled, monitor, mode, patience, minDelta);
        }
    }
}
