package io.artifex.eval.bench;

import ai.djl.Device;
import io.artifex.core.device.DeviceInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the machine facts a report states: resident memory, CPU model and cores (Linux {@code /proc}).
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class SystemProbe {

    private static final Logger LOG = LoggerFactory.getLogger(SystemProbe.class);
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private SystemProbe() {
    }

    /** The process's resident set size in bytes (VmRSS), or -1 where {@code /proc} is unavailable. */
    public static long residentBytes() {
        for (String line : lines(STATUS)) {
            if (line.startsWith("VmRSS:")) {
                return parseKibibytes(line);
            }
        }
        return -1;
    }

    /** Parses a {@code /proc/self/status} line such as {@code "VmRSS:    12345 kB"} to bytes. */
    static long parseKibibytes(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        try {
            long value = Long.parseLong(parts[0]);
            return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The first "model name" of {@code /proc/cpuinfo}, else the OS architecture. */
    public static String cpuModel() {
        for (String line : lines(CPUINFO)) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown (" + System.getProperty("os.arch") + ")";
    }

    /** The number of logical CPUs in {@code /proc/cpuinfo}, else the JVM's processor count. */
    public static int cpuCores() {
        int n = (int) lines(CPUINFO).stream().filter(l -> l.startsWith("processor")).count();
        return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    }

    /** The environment of this JVM with the engine facts of {@code info}. */
    public static Environment environment(DeviceInfo info) {
        Device d = info.defaultDevice();
        return new Environment(cpuModel(), cpuCores(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                info.engineName(), info.engineVersion(), info.djlVersion(),
                d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu", info.intraOpThreads(), info.interOpThreads());
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read {}: {}", file, e.toString());
            return List.of();
        }
    }
}
