package io.artifex.models.gan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.artifex.core.config.ConfigEnums;

/**
 * The adversarial objective: {@code non_saturating} (the standard GAN loss with the
 * -log D(G(z)) generator term), {@code least_squares} (LSGAN), {@code hinge}, or
 * {@code wasserstein_gp} (WGAN with gradient penalty).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum GanLoss {
    NON_SATURATING, LEAST_SQUARES, HINGE, WASSERSTEIN_GP;

    /** The name used in config files. */
    @JsonValue
    public String id() {
        return ConfigEnums.lowerName(this);
    }

    /** Parses a loss name; the error lists the valid names. */
    @JsonCreator
    public static GanLoss fromId(String text) {
        return ConfigEnums.parse(GanLoss.class, "GAN loss", text, GanLoss::id);
    }
}
