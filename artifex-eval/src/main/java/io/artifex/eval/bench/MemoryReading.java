package io.artifex.eval.bench;

/**
 * One memory reading of a {@link MemorySoak}: where the run was and what the process held.
 *
 * @param position training steps done, or sampling calls done, when the reading was taken
 * @param seconds wall time since the soak started
 * @param rssBytes resident set size (VmRSS), or -1 where {@code /proc} is unavailable
 * @param heapUsedBytes JVM heap in use (not collected first: readings must not disturb the run)
 * @param heapCommittedBytes JVM heap reserved from the system ({@code Runtime.totalMemory()})
 */
public record MemoryReading(long position, double seconds, long rssBytes, long heapUsedBytes, long heapCommittedBytes) {

    /** A reading of this process now. */
    static MemoryReading now(long position, long startNanos) {
        Runtime rt = Runtime.getRuntime();
        return new MemoryReading(position, (System.nanoTime() - startNanos) / 1e9, SystemProbe.residentBytes(),
                rt.totalMemory() - rt.freeMemory(), rt.totalMemory());
    }

    /** The resident set size in MiB. */
    public double rssMib() {
        return rssBytes < 0 ? -1 : rssBytes / (1024.0 * 1024.0);
    }

    /**
     * Resident memory outside the JVM heap, in MiB: {@code rss - heapCommitted}. The heap is
     * bounded by {@code -Xmx} and grows to its working size during the first minutes of a run;
     * what an unclosed native array leaks shows up here.
     */
    public double offHeapMib() {
        return rssBytes < 0 ? -1 : (rssBytes - heapCommittedBytes) / (1024.0 * 1024.0);
    }
}
