package io.artifex.models.energy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.artifex.core.config.ConfigEnums;

/**
 * The energy network's kind: fully connected ({@code dense}) or convolutional ({@code conv}).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum EnergyNetworkType {
    DENSE, CONV;

    /** The name used in config files. */
    @JsonValue
    public String id() {
        return ConfigEnums.lowerName(this);
    }

    /** Parses {@code dense} or {@code conv}; the error lists both. */
    @JsonCreator
    public static EnergyNetworkType fromId(String text) {
        return ConfigEnums.parse(EnergyNetworkType.class, "energy network type", text, EnergyNetworkType::id);
    }
}
