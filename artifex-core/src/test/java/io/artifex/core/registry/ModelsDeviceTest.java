package io.artifex.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.device.DeviceManager;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.testfamily.TestLinearConfig;
import io.artifex.core.registry.testfamily.TestLinearFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Models.create} puts a model on the device it is given, and the model says where it lives. */
class ModelsDeviceTest {

    private final TestLinearConfig config = new TestLinearConfig("tiny", 3, 2);

    @Test
    void aModelLivesOnItsOwnRootManagerOnTheChosenDevice() {
        try (GenerativeModel a = Models.create(config, 0, Device.cpu());
             GenerativeModel b = Models.create(config, 0, DeviceManager.builder().device("cpu").build())) {
            assertThat(a.device()).isEqualTo(Device.cpu());
            assertThat(b.device()).isEqualTo(Device.cpu());
            assertThat(a.manager()).isNotSameAs(b.manager());
            for (Parameter p : a.network().getParameters().values()) {
                assertThat(p.getArray().getManager()).isSameAs(a.manager());
            }
            // same seed, same weights, wherever the model lives
            assertThat(a.network().getParameters().get("weight").getArray().toFloatArray())
                    .containsExactly(b.network().getParameters().get("weight").getArray().toFloatArray());
            try (NDManager scope = a.manager().newSubManager()) {
                NDArray samples = a.generate(4, scope, new Rng(1));
                assertThat(samples.getManager()).isSameAs(scope);
                assertThat(samples.getDevice()).isEqualTo(a.device());
            }
        }
    }

    @Test
    void closingTheModelClosesItsManager() {
        GenerativeModel model = Models.create(config, 0, Device.cpu());
        NDManager manager = model.manager();
        model.close();
        assertThat(manager.isOpen()).isFalse();
    }

    @Test
    void aDeviceTheEngineCannotUseIsRefusedWithTheValidOnes() {
        int gpus = DeviceManager.get().info().gpus().size();
        assertThatThrownBy(() -> Models.create(config, 0, Device.gpu(gpus + 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpu:" + (gpus + 3))
                .hasMessageContaining("valid here: 'cpu'");
        assertThatThrownBy(() -> Models.create(config, 0, (Device) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device must not be null");
        assertThatThrownBy(() -> Models.create(config, 0, (DeviceManager) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device manager must not be null");
    }

    @Test
    void aFamilyThatBuildsOnAnotherManagerIsCaught() {
        ModelFamily careless = new ModelFamily() {
            @Override
            public String typeId() {
                return TestLinearFamily.ID;
            }

            @Override
            public Class<? extends ModelConfig> configClass() {
                return TestLinearConfig.class;
            }

            @Override
            public GenerativeModel create(ModelConfig c, NDManager manager, Rng rng) {
                return new TestLinearFamily().create(c, manager.newSubManager(), rng);
            }
        };
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> ModelRegistry.of(List.of(careless)).create(config, manager, new Rng(0)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("model family 'test-linear' built its model on another manager");
        }
    }
}
