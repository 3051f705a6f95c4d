package io.artifex.core.registry;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;

/**
 * Service-provider interface of a model family: its type id, its config record and a
 * factory. Families are found with {@link java.util.ServiceLoader}; a third party adds one
 * by listing its class in {@code META-INF/services/io.artifex.core.registry.ModelFamily}.
 */
public interface ModelFamily {

    /** The short id used in config files, e.g. "vae". Lower case, digits and dashes. */
    String typeId();

    /** The record class of this family's configuration. */
    Class<? extends ModelConfig> configClass();

    /**
     * Builds and initialises a model from an already validated config. Parameters are
     * created on {@code manager} (which the model then owns) and initialised from {@code rng}.
     */
    GenerativeModel create(ModelConfig config, NDManager manager, Rng rng);
}
