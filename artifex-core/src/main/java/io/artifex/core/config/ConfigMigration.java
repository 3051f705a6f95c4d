package io.artifex.core.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Upgrades one model config, as a Jackson tree, by one schema version. A model family
 * provides it (see {@code io.artifex.core.registry.ModelFamily#migrate}); the codec applies
 * it to every model config it finds in an old document, nested ones included, before binding.
 *
 * <p>Thread-safety: implementations must be stateless: one instance serves every thread that reads
 * configs through a codec.
 */
@FunctionalInterface
public interface ConfigMigration {

    /**
     * Changes {@code config} in place from schema version {@code fromVersion} to
     * {@code fromVersion + 1}.
     *
     * @param fromVersion the version the node is written in, at least 1
     * @param config the model config node (with its {@code type}); leave a field alone when it
     *               is not what the old version would have held, so that validation reports it
     * @return one line per change, its field path relative to {@code config}, e.g.
     *         {@code "imageShape renamed to inputShape"}; empty when nothing changed
     */
    List<String> migrate(int fromVersion, ObjectNode config);
}
