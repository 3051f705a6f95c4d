package io.artifex.core.device;

import ai.djl.Device;
import java.util.List;

/**
 * A snapshot of what {@link DeviceManager} found. Counts that could not be read are -1.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param engineName the DJL engine, e.g. "PyTorch"
 * @param engineVersion the native library version, e.g. "2.7.1"
 * @param djlVersion the DJL version, e.g. "0.36.0"
 * @param defaultDevice the device new managers and models use
 * @param availableProcessors CPU cores visible to the JVM
 * @param intraOpThreads threads one operator may use (PyTorch: {@code ai.djl.pytorch.num_threads})
 * @param interOpThreads threads for running operators in parallel (PyTorch:
 *     {@code ai.djl.pytorch.num_interop_threads})
 * @param gpus the GPUs the engine can use, in index order
 * @param gpusVisibleToDriver GPUs the CUDA runtime sees, usable or not (a CPU-only engine build
 *     sees them but cannot use them)
 * @param memoryStrategy the planned share of memory
 * @param memoryTotalBytes memory of the default device (host memory for the CPU), or -1
 * @param memoryBudgetBytes {@code memoryStrategy} applied to {@code memoryTotalBytes} (advisory), or -1
 * @param mixedPrecision whether float16/bfloat16 training is worthwhile on the default device
 */
public record DeviceInfo(
        String engineName,
        String engineVersion,
        String djlVersion,
        Device defaultDevice,
        int availableProcessors,
        int intraOpThreads,
        int interOpThreads,
        List<GpuInfo> gpus,
        int gpusVisibleToDriver,
        MemoryStrategy memoryStrategy,
        long memoryTotalBytes,
        long memoryBudgetBytes,
        boolean mixedPrecision) {

    /** Copies the GPU list. */
    public DeviceInfo {
        gpus = List.copyOf(gpus);
    }
}
