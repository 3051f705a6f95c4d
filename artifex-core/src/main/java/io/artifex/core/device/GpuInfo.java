package io.artifex.core.device;

/**
 * One GPU as the CUDA runtime reports it.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param index the CUDA device index
 * @param totalBytes total memory, or -1 if it could not be read
 * @param usedBytes memory in use by any process, or -1 if it could not be read
 * @param computeCapability e.g. "90" for 9.0, or "" if it could not be read
 */
public record GpuInfo(int index, long totalBytes, long usedBytes, String computeCapability) {

    /** The major compute capability (9 for "90"), or -1 if unknown. */
    public int computeCapabilityMajor() {
        if (computeCapability == null || computeCapability.length() < 2) {
            return -1;
        }
        try {
            return Integer.parseInt(computeCapability.substring(0, computeCapability.length() - 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
