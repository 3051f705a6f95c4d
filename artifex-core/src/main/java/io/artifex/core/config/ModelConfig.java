package io.artifex.core.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.artifex.core.config.training.TrainerConfig;

/**
 * The configuration of one model family, a validated record. In files a family is named by
 * a short type id in the {@code type} property ("vae", "dcgan", ...), never by a Java class:
 * only ids registered in {@link io.artifex.core.registry.ModelRegistry} can be read.
 *
 * <p>Thread-safety: implementations must be immutable (the library's are records), so one config
 * can be shared between threads.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface ModelConfig {

    /** A human-readable name for this configuration, e.g. "beta_vae". */
    String name();

    /**
     * Cross-field rules between this model and the trainer settings it runs with (e.g. a
     * replay buffer that must hold a whole batch), checked by {@link ExperimentConfig}, where
     * both are visible. Reports through {@code ctx}, whose paths are relative to this model
     * ({@code model.} in the experiment); must tolerate null fields and must not throw. The
     * default checks nothing.
     */
    default void checkTraining(TrainerConfig training, RuleContext ctx) {
    }
}
