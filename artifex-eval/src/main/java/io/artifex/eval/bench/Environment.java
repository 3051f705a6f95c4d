package io.artifex.eval.bench;

/**
 * The machine and software a benchmark ran on. Values that could not be read are "unknown" or -1.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param cpuModel the CPU's model name from {@code /proc/cpuinfo}
 * @param cpuCores logical CPUs listed in {@code /proc/cpuinfo}
 * @param availableProcessors CPUs the JVM may use (cgroup limits included)
 * @param os operating system name, version and architecture
 * @param jvm Java runtime name and version
 * @param engine the DJL engine name
 * @param engineVersion its native library version
 * @param djlVersion the DJL version
 * @param device the device the models ran on
 * @param intraOpThreads threads one operator may use
 * @param interOpThreads threads for running operators in parallel
 */
public record Environment(String cpuModel, int cpuCores, int availableProcessors, String os, String jvm, String engine,
                          String engineVersion, String djlVersion, String device, int intraOpThreads,
                          int interOpThreads) {
}
