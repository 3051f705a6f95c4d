package io.artifex.examples.custom;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelFamily;

/**
 * The custom family's registration: type id {@code gaussian-1d}, its config record and its
 * factory. Listed in {@code META-INF/services/io.artifex.core.registry.ModelFamily}, so
 * {@code Models.create} and config files find it like a built-in family.
 */
public final class GaussianFamily implements ModelFamily {

    /** The type id used in config files. */
    public static final String TYPE_ID = "gaussian-1d";

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public Class<? extends ModelConfig> configClass() {
        return GaussianConfig.class;
    }

    @Override
    public GenerativeModel create(ModelConfig modelConfig, NDManager manager, Rng rng) {
        if (!(modelConfig instanceof GaussianConfig config)) {
            throw new IllegalArgumentException("the gaussian-1d family needs a GaussianConfig, got "
                    + (modelConfig == null ? "null" : modelConfig.getClass().getSimpleName()));
        }
        GaussianParameters network = new GaussianParameters();
        network.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        network.mean().getArray().set(new NDIndex(0), config.initialMean()); // log std starts at 0
        return new GaussianModel(config, network, manager);
    }
}
