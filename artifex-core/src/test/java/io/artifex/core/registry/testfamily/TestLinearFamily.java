package io.artifex.core.registry.testfamily;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelFamily;

/** The test-only family {@code test-linear}, listed in src/test/resources/META-INF/services. */
public final class TestLinearFamily implements ModelFamily {

    /** The family's type id. */
    public static final String ID = "test-linear";

    @Override
    public String typeId() {
        return ID;
    }

    @Override
    public Class<? extends ModelConfig> configClass() {
        return TestLinearConfig.class;
    }

    @Override
    public GenerativeModel create(ModelConfig config, NDManager manager, Rng rng) {
        return TestLinearModel.create((TestLinearConfig) config, manager, rng);
    }
}
