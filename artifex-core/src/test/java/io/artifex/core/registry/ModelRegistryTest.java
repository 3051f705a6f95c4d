package io.artifex.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ConfigValidationException;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.testfamily.TestLinearConfig;
import io.artifex.core.registry.testfamily.TestLinearFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Type ids, family discovery and model creation through the registry. */
class ModelRegistryTest {

    private final ModelRegistry registry = ModelRegistry.defaultRegistry();

    @Test
    void knowsOnlyTheFamiliesServiceLoaderFinds() {
        // core's own class path holds no family but the test one: core names no family
        assertThat(registry.typeIds()).containsExactly("test-linear");
        assertThat(registry.family("test-linear")).get().isInstanceOf(TestLinearFamily.class);
        assertThat(registry.family("vae")).isEmpty();
        assertThat(registry.typeIdOf(new TestLinearConfig("t", 2, 3))).isEqualTo("test-linear");
        assertThat(registry.configClasses().get("test-linear")).isEqualTo(TestLinearConfig.class);
    }

    @Test
    void aDiscoveredFamilysConfigRoundTripsUnderItsRegisteredId() {
        TestLinearConfig config = new TestLinearConfig("tiny", 3, 2);
        String yaml = ConfigIO.toYaml(config);
        assertThat(yaml).isEqualTo("schemaVersion: 2\ntype: test-linear\nname: tiny\ninFeatures: 3\noutFeatures: 2\n");
        assertThat(ConfigIO.fromYaml(yaml, ModelConfig.class)).isEqualTo(config);
    }

    @Test
    void creatingATypeWhoseFamilyIsMissingSaysWhichModuleToAdd() {
        ModelRegistry bare = ModelRegistry.of(List.of());
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> bare.create(new TestLinearConfig("t", 1, 1), manager, new Rng(0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("config class " + TestLinearConfig.class.getName() + " is not registered: no model"
                            + " family on the class path names it; add the module that provides it (the library's"
                            + " families are in io.artifex:artifex-models); known types: none");
        }
    }

    @Test
    void createValidatesFirst() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> registry.create(new TestLinearConfig("t", 0, 2), manager, new Rng(0)))
                    .isInstanceOf(ConfigValidationException.class)
                    .hasMessageContaining("inFeatures: must be greater than 0");
        }
    }

    @Test
    void modelsCreateBuildsTheSameWeightsFromTheSameSeed() {
        TestLinearConfig config = new TestLinearConfig("t", 4, 3);
        try (GenerativeModel a = Models.create(config, 7); GenerativeModel b = Models.create(config, 7);
             GenerativeModel c = Models.create(config, 8); NDManager manager = NDManager.newBaseManager()) {
            assertThat(a.config()).isSameAs(config);
            assertThat(a.parameterCount()).isEqualTo(4 * 3 + 3);
            NDArray wa = a.network().getParameters().get("weight").getArray();
            assertThat(wa.getShape().getShape()).containsExactly(3, 4);
            assertThat(b.network().getParameters().get("weight").getArray().toFloatArray()).containsExactly(wa.toFloatArray());
            assertThat(c.network().getParameters().get("weight").getArray().toFloatArray()).isNotEqualTo(wa.toFloatArray());
            assertThat(a.generate(5, manager, new Rng(1)).getShape().getShape()).containsExactly(5, 3);
        }
    }

    @Test
    void duplicateTypeIdsAreRejectedAtDiscovery() {
        assertThatThrownBy(() -> ModelRegistry.of(List.of(new TestLinearFamily(), new TestLinearFamily())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate model type id 'test-linear': registered by both "
                        + TestLinearFamily.class.getName() + " and " + TestLinearFamily.class.getName()
                        + "; remove one of them from the class path");
    }

    @Test
    void aFamilyCannotReuseAConfigClassOrUseABadId() {
        ModelFamily impostor = family("other-linear", TestLinearConfig.class);
        assertThatThrownBy(() -> ModelRegistry.of(List.of(new TestLinearFamily(), impostor)))
                .hasMessageContaining("registers config class " + TestLinearConfig.class.getName()
                        + " under 'other-linear', but it already has type id 'test-linear'");
        assertThatThrownBy(() -> ModelRegistry.of(List.of(family("Linear_Model", TestLinearConfig.class))))
                .hasMessageContaining("has invalid type id 'Linear_Model'; expected lower-case letters, digits and dashes");
        assertThat(ModelRegistry.of(List.of(family("other-linear", TestLinearConfig.class))).family("other-linear"))
                .isPresent();
    }

    @Test
    void unregisteredConfigClassesHaveNoTypeId() {
        ModelRegistry bare = ModelRegistry.of(List.of());
        assertThat(bare.typeIds()).isEmpty();
        assertThatThrownBy(() -> bare.typeIdOf(new TestLinearConfig("t", 1, 1)))
                .hasMessageEndingWith("known types: none");
    }

    private static ModelFamily family(String id, Class<? extends ModelConfig> configClass) {
        return new ModelFamily() {
            @Override
            public String typeId() {
                return id;
            }

            @Override
            public Class<? extends ModelConfig> configClass() {
                return configClass;
            }

            @Override
            public GenerativeModel create(ModelConfig config, NDManager manager, Rng rng) {
                throw new UnsupportedOperationException("never called in this test");
            }
        };
    }
}
