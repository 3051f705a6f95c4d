package io.artifex.core.config.training;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Stop training when an epoch metric has not improved for {@code patience} epochs.
 *
 * @param enabled whether early stopping is on; default false
 * @param monitor the epoch metric to watch; default "validation_loss"
 * @param mode {@code min} (default) or {@code max}
 * @param patience epochs without improvement before stopping; default 5
 * @param minDelta the smallest change that counts as an improvement; default 0
 */
public record EarlyStoppingConfig(
        @NotNull Boolean enabled,
        @NotBlank String monitor,
        @NotNull MonitorMode mode,
        @NotNull @Positive Integer patience,
        @NotNull @PositiveOrZero Double minDelta) {

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
        return new EarlyStoppingConfig(false, null, null, null, null);
    }
}
