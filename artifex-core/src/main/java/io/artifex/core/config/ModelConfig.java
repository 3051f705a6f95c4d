package io.artifex.core.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The configuration of one model family, a validated record. In files a family is named by
 * a short type id in the {@code type} property ("vae", "dcgan", ...), never by a Java class:
 * only ids registered in {@link io.artifex.core.registry.ModelRegistry} can be read.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface ModelConfig {

    /** A human-readable name for this configuration, e.g. "beta_vae". */
    String name();
}
