package io.artifex.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceManagerTest {

    private String savedDevice;

    @BeforeEach
    void clearDeviceProperty() {
        savedDevice = System.getProperty(DeviceManager.DEVICE_PROPERTY);
        System.clearProperty(DeviceManager.DEVICE_PROPERTY);
    }

    @AfterEach
    void restoreDeviceProperty() {
        if (savedDevice == null) {
            System.clearProperty(DeviceManager.DEVICE_PROPERTY);
        } else {
            System.setProperty(DeviceManager.DEVICE_PROPERTY, savedDevice);
        }
    }

    @Test
    void detectsPyTorchItsVersionAndTheDefaultDevice() {
        DeviceManager dm = DeviceManager.builder().build();
        DeviceInfo info = dm.info();
        assertThat(info.engineName()).isEqualTo("PyTorch");
        assertThat(info.engineVersion()).isEqualTo("2.7.1");
        assertThat(info.djlVersion()).isEqualTo("0.36.0");
        assertThat(info.availableProcessors()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(info.intraOpThreads()).isPositive();
        assertThat(info.interOpThreads()).isPositive();
        assertThat(dm.defaultDevice()).isEqualTo(info.gpus().isEmpty() ? Device.cpu() : Device.gpu(0));
        if (info.gpus().isEmpty()) {
            assertThat(dm.mixedPrecisionAvailable()).as("never on the CPU").isFalse();
            assertThat(info.memoryTotalBytes()).as("host memory").isPositive();
        }
        assertThat(dm.memoryStrategy()).isEqualTo(MemoryStrategy.BALANCED);
        assertThat(dm.memoryBudgetBytes()).isEqualTo((long) (0.75 * info.memoryTotalBytes()));
    }

    @Test
    void summaryNamesEngineVersionThreadsAndDevice() {
        DeviceManager dm = DeviceManager.builder().device("cpu").memoryStrategy(MemoryStrategy.CONSERVATIVE).build();
        String summary = dm.summary();
        assertThat(summary).contains("PyTorch 2.7.1", "DJL 0.36.0", "device cpu",
                "intra-op " + dm.info().intraOpThreads(), "inter-op " + dm.info().interOpThreads(),
                "CONSERVATIVE", "mixed precision not available (CPU)");
        assertThat(summary).doesNotContain("\n");
        assertThat(dm.memoryBudgetBytes()).isEqualTo((long) (0.5 * dm.info().memoryTotalBytes()));
        dm.logSummary();
    }

    @Test
    void systemPropertyChoosesTheDeviceAndTheBuilderOverridesIt() {
        System.setProperty(DeviceManager.DEVICE_PROPERTY, "CPU");
        assertThat(DeviceManager.builder().build().defaultDevice()).isEqualTo(Device.cpu());
        System.setProperty(DeviceManager.DEVICE_PROPERTY, "tpu");
        assertThat(DeviceManager.builder().device(Device.cpu()).build().defaultDevice()).isEqualTo(Device.cpu());
        assertThatThrownBy(() -> DeviceManager.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tpu'").hasMessageContaining("system property artifex.device");
    }

    @Test
    void aMissingGpuIsAClearError() {
        DeviceManager probe = DeviceManager.builder().device("cpu").build();
        assumeTrue(probe.info().gpus().size() < 8, "needs a machine with fewer than 8 usable GPUs");
        assertThatThrownBy(() -> DeviceManager.builder().device("gpu:7").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gpu:7'").hasMessageContaining("asks for GPU 7")
                .hasMessageContaining("valid here: 'cpu'");
    }

    @Test
    void garbageIsAClearErrorListingTheValidForms() {
        assertThatThrownBy(() -> DeviceManager.builder().device("cuda!").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cuda!'").hasMessageContaining("'cpu', 'gpu' or 'gpu:N'");
    }

    @Test
    void parsingHandlesGpuForms() {
        assertThat(DeviceManager.parse(" gpu ", 2, "test")).isEqualTo(Device.gpu(0));
        assertThat(DeviceManager.parse("GPU:1", 2, "test")).isEqualTo(Device.gpu(1));
        assertThat(DeviceManager.parse("cpu", 0, "test")).isEqualTo(Device.cpu());
        assertThatThrownBy(() -> DeviceManager.parse("gpu:2", 2, "test"))
                .hasMessageContaining("N in 0..1");
        assertThatThrownBy(() -> DeviceManager.parse("gpu", 0, "test"))
                .hasMessageContaining("no usable GPU");
        assertThatThrownBy(() -> DeviceManager.parse("gpu:99999999999", 2, "test"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newManagerLivesOnTheDefaultDevice() {
        DeviceManager dm = DeviceManager.builder().device("cpu").build();
        try (NDManager manager = dm.newManager()) {
            assertThat(manager.getDevice()).isEqualTo(Device.cpu());
            assertThat(manager.ones(new ai.djl.ndarray.types.Shape(2)).getDevice()).isEqualTo(Device.cpu());
        }
        assertThat(DeviceManager.get()).isSameAs(DeviceManager.get());
    }

    @Test
    void offlineDefaultIsSetOnlyWhenAbsent() {
        String saved = System.getProperty("ai.djl.offline");
        try {
            System.clearProperty("ai.djl.offline");
            DeviceManager.applyOfflineDefault();
            assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
            System.setProperty("ai.djl.offline", "false");
            DeviceManager.applyOfflineDefault();
            assertThat(System.getProperty("ai.djl.offline")).isEqualTo("false");
        } finally {
            if (saved == null) {
                System.clearProperty("ai.djl.offline");
            } else {
                System.setProperty("ai.djl.offline", saved);
            }
        }
    }

    @Test
    void memoryStrategiesScaleTheTotal() {
        assertThat(MemoryStrategy.CONSERVATIVE.budget(1000)).isEqualTo(500);
        assertThat(MemoryStrategy.BALANCED.budget(1000)).isEqualTo(750);
        assertThat(MemoryStrategy.AGGRESSIVE.budget(1000)).isEqualTo(900);
        assertThat(MemoryStrategy.AGGRESSIVE.budget(-1)).isEqualTo(-1);
        assertThat(new GpuInfo(0, 1, 0, "90").computeCapabilityMajor()).isEqualTo(9);
        assertThat(new GpuInfo(0, 1, 0, "120").computeCapabilityMajor()).isEqualTo(12);
        assertThat(new GpuInfo(0, 1, 0, "").computeCapabilityMajor()).isEqualTo(-1);
    }
}
