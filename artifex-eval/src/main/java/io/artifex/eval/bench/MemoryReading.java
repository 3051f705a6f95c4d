package io.artifex.eval.bench;

import java.lang.management.ManagementFactory;

/**
 * One memory reading of a {@link MemorySoak}: where the run was and what the process held.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param position training steps done, or sampling calls done, when the reading was taken
 * @param seconds wall time since the soak started
 * @param rssBytes resident set size (VmRSS), or -1 where {@code /proc} is unavailable
 * @param heapUsedBytes JVM heap in use (not collected first: readings must not disturb the run)
 * @param heapCommittedBytes JVM heap reserved from the system ({@code Runtime.totalMemory()})
 * @param nonHeapCommittedBytes the JVM's own memory outside the heap (code cache, metaspace),
 *                              committed ({@code MemoryMXBean.getNonHeapMemoryUsage()})
 */
public record MemoryReading(long position, double seconds, long rssBytes, long heapUsedBytes, long heapCommittedBytes,
                            long nonHeapCommittedBytes) {

    /** A reading of this process now. */
    static MemoryReading now(long position, long startNanos) {
        Runtime rt = Runtime.getRuntime();
        return new MemoryReading(position, (System.nanoTime() - startNanos) / 1e9, SystemProbe.residentBytes(),
                rt.totalMemory() - rt.freeMemory(), rt.totalMemory(),
                ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted());
    }

    /** The resident set size in MiB. */
    public double rssMib() {
        return rssBytes < 0 ? -1 : rssBytes / (1024.0 * 1024.0);
    }
}
