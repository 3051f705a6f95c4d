package io.artifex.core.registry;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import java.util.List;
import java.util.Optional;

/**
 * Service-provider interface of a model family: its type id, its config record and a
 * factory. Families are found with {@link java.util.ServiceLoader}; a third party adds one
 * by listing its class in {@code META-INF/services/io.artifex.core.registry.ModelFamily}.
 *
 * <p>Thread-safety: implementations must be stateless and thread-safe: a registry shares one
 * instance between all its callers.
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

    /**
     * Upgrades one of this family's model configs, read from a file of an older schema version,
     * by one version (from {@code fromVersion} to {@code fromVersion + 1}), in place, before it
     * is bound to {@link #configClass()}. The default changes nothing: override it when a field
     * of this family's config was renamed or changed meaning between versions. Helpers for the
     * common edits are in {@link io.artifex.core.config.ConfigMigrations}.
     *
     * @param fromVersion the schema version {@code config} is written in
     * @param config the model config node, {@code type} included
     * @return one line per change made, its field path relative to {@code config}
     */
    default List<String> migrate(int fromVersion, ObjectNode config) {
        return List.of();
    }

    /**
     * The learned parameters {@code config} implies, computed from the config alone, before
     * anything is allocated; {@link ModelRegistry#requireMemoryFits} compares what they need with
     * the device's memory budget before a model is built. The default is empty (unknown), which
     * skips that check: override it so oversized configs are refused before they exhaust memory.
     *
     * @param config an already validated config of {@link #configClass()}
     * @return the count and the fields behind it, or empty when this family cannot tell
     */
    default Optional<ParameterEstimate> estimateParameters(ModelConfig config) {
        return Optional.empty();
    }
}
