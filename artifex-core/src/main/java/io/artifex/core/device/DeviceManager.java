package io.artifex.core.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDManager;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which engine runs the arrays, on which device, with how many threads and how much memory:
 * the Java counterpart of the seed's {@code get_device_manager()}.
 *
 * <p><b>Default device.</b> In order: the builder's {@link Builder#device(String)}, else the
 * system property {@value #DEVICE_PROPERTY} ("cpu", "gpu" = "gpu:0", or "gpu:N"), else GPU 0
 * if the engine can use a GPU, else the CPU. An invalid value fails with an
 * IllegalArgumentException that lists the valid ones on this machine.
 *
 * <p><b>Offline.</b> Loading this class sets the system property {@code ai.djl.offline=true}
 * unless the user has set it (to anything), so a missing native library fails fast instead of
 * being downloaded. It only helps if it happens before DJL's engine loads: call
 * {@link #get()} early in an application.
 *
 * <p><b>Thread waiting.</b> Loading this class also asks OpenMP for passive waiting
 * ({@code OMP_WAIT_POLICY=PASSIVE}) unless the user chose otherwise; see {@link ThreadWaitPolicy}.
 * Busy-waiting workers made training five to fifty times slower on a machine with other work.
 *
 * <p><b>Threads.</b> Reported, not changed. PyTorch's intra-op thread count comes from
 * {@code OMP_NUM_THREADS} or the core count, and DJL overrides it at engine start with the
 * system properties {@code ai.djl.pytorch.num_threads} and {@code ai.djl.pytorch.num_interop_threads};
 * set those to tune. The counts are read from the engine reflectively, so this class has no
 * compile-time tie to one engine; on others they fall back to the property or -1.
 *
 * <p><b>GPUs</b> count only if the engine build has CUDA (the default CPU build does not, even on
 * a machine with GPUs; build with {@code -Pgpu}). Memory and compute capability come from
 * DJL's {@link CudaUtils} and are -1 / "" if it cannot read them.
 *
 * <p><b>Mixed precision</b> is reported as available only on a GPU of compute capability 7.0 or
 * more (float16 tensor cores; bfloat16 needs 8.0). On the CPU it is never available: PyTorch's
 * CPU kernels gain nothing from half precision here. The library itself trains in float32.
 *
 * <p>Thread-safety: configure it once, before models are created; sharing it afterwards for reads (devices, new managers) is what the concurrency test does, changing it while other threads create or train models is not supported.
 */
public final class DeviceManager {

    /** The system property that chooses the default device. */
    public static final String DEVICE_PROPERTY = "artifex.device";

    /**
     * The system property that chooses the memory strategy of {@link #get()} and of builders that
     * do not set one: {@code conservative}, {@code balanced} (the default) or {@code aggressive}.
     */
    public static final String MEMORY_STRATEGY_PROPERTY = "artifex.memoryStrategy";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceManager.class);
    private static final Pattern GPU_SPEC = Pattern.compile("gpu(?::(\\d+))?");
    private static DeviceManager instance;

    static {
        applyOfflineDefault();
        ThreadWaitPolicy.apply();
    }

    private final Engine engine;
    private final DeviceInfo info;
    private final long hostMemoryBytes;

    private DeviceManager(Builder builder) {
        this.engine = Engine.getInstance();
        List<GpuInfo> gpus = readGpus(engine);
        String spec = builder.device;
        String source = "DeviceManager.builder().device(...)";
        if (spec == null) {
            spec = System.getProperty(DEVICE_PROPERTY);
            source = "system property " + DEVICE_PROPERTY;
        }
        Device device = spec == null ? (gpus.isEmpty() ? Device.cpu() : Device.gpu(0)) : parse(spec, gpus.size(), source);
        this.hostMemoryBytes = hostMemoryBytes();
        long total = device.isGpu() ? gpus.get(device.getDeviceId()).totalBytes() : hostMemoryBytes;
        boolean mixed = device.isGpu() && gpus.get(device.getDeviceId()).computeCapabilityMajor() >= 7;
        int[] threads = engineThreads(engine);
        MemoryStrategy strategy = builder.memoryStrategy != null ? builder.memoryStrategy
                : MemoryStrategy.fromProperty(System.getProperty(MEMORY_STRATEGY_PROPERTY), MEMORY_STRATEGY_PROPERTY);
        this.info = new DeviceInfo(engine.getEngineName(), engine.getVersion(), Engine.getDjlVersion(), device,
                Runtime.getRuntime().availableProcessors(), threads[0], threads[1], gpus, engine.getGpuCount(),
                strategy, total, strategy.budget(total), mixed);
    }

    /** The shared manager, configured from system properties on first use. */
    public static synchronized DeviceManager get() {
        if (instance == null) {
            instance = builder().build();
        }
        return instance;
    }

    /** A builder for a manager with explicit choices. */
    public static Builder builder() {
        return new Builder();
    }

    /** The device new managers use. */
    public Device defaultDevice() {
        return info.defaultDevice();
    }

    /** The snapshot taken when this manager was built. */
    public DeviceInfo info() {
        return info;
    }

    /** The memory strategy. */
    public MemoryStrategy memoryStrategy() {
        return info.memoryStrategy();
    }

    /** The advisory memory budget of the default device in bytes, or -1 if its size is unknown. */
    public long memoryBudgetBytes() {
        return info.memoryBudgetBytes();
    }

    /**
     * The advisory memory budget of {@code device} in bytes: the memory strategy applied to that
     * GPU's memory, or to the host memory for the CPU; -1 if its size is unknown.
     *
     * @throws IllegalArgumentException if {@code device} is null or not one this engine can use
     */
    public long memoryBudgetBytes(Device device) {
        if (device == null) {
            throw new IllegalArgumentException("device must not be null; valid here: " + validDevices(info.gpus().size()));
        }
        Device checked = parse(device.isGpu() ? "gpu:" + device.getDeviceId() : device.getDeviceType(),
                info.gpus().size(), "the device argument");
        long total = checked.isGpu() ? info.gpus().get(checked.getDeviceId()).totalBytes() : hostMemoryBytes;
        return info.memoryStrategy().budget(total);
    }

    /** Whether mixed-precision training is worthwhile on the default device; always false on the CPU. */
    public boolean mixedPrecisionAvailable() {
        return info.mixedPrecision();
    }

    /** A new root manager on the default device; close it when done. */
    public NDManager newManager() {
        return engine.newBaseManager(info.defaultDevice());
    }

    /**
     * A new root manager on {@code device}; close it when done.
     *
     * @throws IllegalArgumentException if {@code device} is null, not a CPU or GPU, or a GPU this
     *     engine cannot use (the message lists the valid devices on this machine)
     */
    public NDManager newManager(Device device) {
        if (device == null) {
            throw new IllegalArgumentException("device must not be null; valid here: " + validDevices(info.gpus().size()));
        }
        parse(device.isGpu() ? "gpu:" + device.getDeviceId() : device.getDeviceType(), info.gpus().size(),
                "the device argument");
        return engine.newBaseManager(device);
    }

    /** Everything found, in one line. */
    public String summary() {
        StringBuilder gpuText = new StringBuilder();
        for (GpuInfo g : info.gpus()) {
            gpuText.append(gpuText.length() == 0 ? "" : ", ").append("gpu:").append(g.index())
                    .append(" (").append(gib(g.totalBytes())).append(", cc ").append(g.computeCapability()).append(')');
        }
        if (info.gpus().isEmpty()) {
            gpuText.append(info.gpusVisibleToDriver() > 0
                    ? "none usable (" + info.gpusVisibleToDriver() + " visible, but this engine build has no CUDA)"
                    : "none");
        }
        return String.format(Locale.ROOT,
                "engine %s %s (DJL %s), device %s, CPU threads intra-op %s / inter-op %s of %d cores, GPUs: %s,"
                        + " thread waiting %s, memory %s: budget %s of %s (advisory), mixed precision %s",
                info.engineName(), info.engineVersion(), info.djlVersion(), describe(info.defaultDevice()),
                count(info.intraOpThreads()), count(info.interOpThreads()), info.availableProcessors(), gpuText,
                ThreadWaitPolicy.apply(), info.memoryStrategy(), gib(info.memoryBudgetBytes()), gib(info.memoryTotalBytes()),
                info.mixedPrecision() ? "available" : "not available" + (info.defaultDevice().isGpu() ? "" : " (CPU)"));
    }

    /** Logs {@link #summary()} at INFO. */
    public void logSummary() {
        LOG.info("Artifex devices: {}", summary());
    }

    /** Sets {@code ai.djl.offline=true} unless the property is already set. */
    static void applyOfflineDefault() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    /**
     * Parses a device value against the number of usable GPUs.
     *
     * @param spec "cpu", "gpu" or "gpu:N", any case
     * @param usableGpus how many GPUs the engine can use
     * @param source where the value came from, for the error message
     */
    static Device parse(String spec, int usableGpus, String source) {
        String value = spec.trim().toLowerCase(Locale.ROOT);
        String valid = validDevices(usableGpus);
        if ("cpu".equals(value)) {
            return Device.cpu();
        }
        Matcher m = GPU_SPEC.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid device '" + spec + "' from " + source
                    + ": expected 'cpu', 'gpu' or 'gpu:N'; valid here: " + valid);
        }
        int index;
        try {
            index = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            index = Integer.MAX_VALUE;
        }
        if (index >= usableGpus) {
            throw new IllegalArgumentException("Device '" + spec + "' from " + source + " asks for GPU " + index
                    + " but the engine can use " + usableGpus + " GPU(s); valid here: " + valid);
        }
        return Device.gpu(index);
    }

    private static String validDevices(int usableGpus) {
        return usableGpus == 0 ? "'cpu' (no usable GPU on this machine)"
                : "'cpu', 'gpu' (= gpu:0) or 'gpu:N' with N in 0.." + (usableGpus - 1);
    }

    private static List<GpuInfo> readGpus(Engine engine) {
        List<GpuInfo> gpus = new ArrayList<>();
        if (!engine.hasCapability(StandardCapabilities.CUDA)) {
            return gpus;
        }
        for (int i = 0; i < engine.getGpuCount(); i++) {
            long total = -1;
            long used = -1;
            String capability = "";
            try {
                MemoryUsage memory = CudaUtils.getGpuMemory(Device.gpu(i));
                total = memory.getMax();
                used = memory.getUsed();
                capability = CudaUtils.getComputeCapability(i);
            } catch (RuntimeException e) {
                LOG.debug("Could not read memory or compute capability of GPU {}", i, e);
            }
            gpus.add(new GpuInfo(i, total, used, capability));
        }
        return gpus;
    }

    private static int[] engineThreads(Engine engine) {
        int intra = Integer.getInteger("ai.djl.pytorch.num_threads", -1);
        int inter = Integer.getInteger("ai.djl.pytorch.num_interop_threads", -1);
        if ("PyTorch".equals(engine.getEngineName())) {
            try {
                Class<?> jni = Class.forName("ai.djl.pytorch.jni.JniUtils");
                intra = (Integer) jni.getMethod("getNumThreads").invoke(null);
                inter = (Integer) jni.getMethod("getNumInteropThreads").invoke(null);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                LOG.debug("Could not read PyTorch thread counts", e);
            }
        }
        return new int[] {intra, inter};
    }

    private static long hostMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    private static String describe(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }

    private static String count(int n) {
        return n < 0 ? "unknown" : Integer.toString(n);
    }

    private static String gib(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    /** Explicit choices; anything not set falls back to the system property or detection. */
    public static final class Builder {
        private String device;
        private MemoryStrategy memoryStrategy;

        private Builder() {
        }

        /** The default device as "cpu", "gpu" or "gpu:N"; overrides {@value DeviceManager#DEVICE_PROPERTY}. */
        public Builder device(String spec) {
            if (spec == null) {
                throw new IllegalArgumentException("device must not be null");
            }
            this.device = spec;
            return this;
        }

        /** The default device; overrides {@value DeviceManager#DEVICE_PROPERTY}. */
        public Builder device(Device device) {
            if (device == null) {
                throw new IllegalArgumentException("device must not be null");
            }
            return device(device.isGpu() ? "gpu:" + device.getDeviceId() : device.getDeviceType());
        }

        /** The memory strategy; default: system property {@value DeviceManager#MEMORY_STRATEGY_PROPERTY}, else BALANCED. */
        public Builder memoryStrategy(MemoryStrategy strategy) {
            if (strategy == null) {
                throw new IllegalArgumentException("memoryStrategy must not be null");
            }
            this.memoryStrategy = strategy;
            return this;
        }

        /** Detects the engine and devices and applies the choices. */
        public DeviceManager build() {
            return new DeviceManager(this);
        }
    }
}
