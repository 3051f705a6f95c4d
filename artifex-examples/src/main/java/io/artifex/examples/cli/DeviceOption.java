package io.artifex.examples.cli;

import ai.djl.Device;
import io.artifex.core.device.DeviceManager;

/** The {@code --device cpu|gpu|gpu:N} option shared by the commands, checked through {@link DeviceManager}. */
final class DeviceOption {

    /** The option's description, the same on every command. */
    static final String DESCRIPTION = "cpu, gpu (= gpu:0) or gpu:N; default: the system property artifex.device, "
            + "else GPU 0 when the engine has one, else the CPU.";

    private DeviceOption() {
    }

    /**
     * The device {@code spec} names, or null for the default when {@code spec} is null.
     *
     * @throws IllegalArgumentException "--device SPEC: ..." with the devices valid on this machine
     */
    static Device resolve(String spec) {
        if (spec == null) {
            return null;
        }
        try {
            return DeviceManager.builder().device(spec).build().defaultDevice();
        } catch (IllegalArgumentException e) {
            String reason = String.valueOf(e.getMessage()).replace(" from DeviceManager.builder().device(...)", "");
            throw new IllegalArgumentException("--device " + spec + ": " + reason, e);
        }
    }

    /** How {@code device} (null: the default) is shown: "cpu" or "gpu:N". */
    static String describe(Device device) {
        Device d = device == null ? DeviceManager.get().defaultDevice() : device;
        return d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu";
    }
}
