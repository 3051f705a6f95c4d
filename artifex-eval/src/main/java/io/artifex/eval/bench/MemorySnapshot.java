package io.artifex.eval.bench;

/**
 * Memory in use at one moment. Values that could not be read are -1.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param rssBytes resident set size of the process (VmRSS of {@code /proc/self/status}):
 *                 JVM heap plus native memory (the engine's tensors live there)
 * @param heapUsedBytes JVM heap in use
 * @param heapCommittedBytes JVM heap reserved from the system
 */
public record MemorySnapshot(long rssBytes, long heapUsedBytes, long heapCommittedBytes) {

    /** Reads the current values (see {@link SystemProbe#residentBytes()}). */
    public static MemorySnapshot now() {
        Runtime rt = Runtime.getRuntime();
        return new MemorySnapshot(SystemProbe.residentBytes(), rt.totalMemory() - rt.freeMemory(), rt.totalMemory());
    }

    /** The resident set size in MiB, or -1 when unknown. */
    public double rssMib() {
        return rssBytes < 0 ? -1 : rssBytes / (1024.0 * 1024.0);
    }

    /** The heap in use in MiB. */
    public double heapUsedMib() {
        return heapUsedBytes < 0 ? -1 : heapUsedBytes / (1024.0 * 1024.0);
    }
}
