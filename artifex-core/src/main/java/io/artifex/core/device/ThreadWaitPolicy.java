package io.artifex.core.device;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the engine's OpenMP worker threads wait between operations, chosen before the engine
 * loads. PyTorch's CPU build ships GNU OpenMP, whose workers spin on a core while they wait for
 * the next operation. On a quiet machine that saves a few microseconds per operation; on one
 * where anything else runs (a second job, the JIT, a web server embedding the library) the
 * spinning workers take the cores the running work needs, and training ran five to fifty times
 * slower here (see docs/device.md). The library therefore asks for {@code PASSIVE} waiting by
 * default.
 *
 * <p>Rules, in order: an {@code OMP_WAIT_POLICY} environment variable set by the user is never
 * changed; else the system property {@value #PROPERTY} decides ({@code passive}, the default;
 * {@code active}; or {@code engine} to leave OpenMP's own default); the value is written into
 * the process environment (through the C library's {@code setenv}) where OpenMP reads it when
 * the engine's native library loads. It only takes effect if that happens before the engine
 * loads, which is why {@link DeviceManager} applies it when its class is initialised; if the
 * engine was already loaded, a warning says how to set it instead.
 *
 * <p>Thread-safety: thread-safe: applied once, under the class lock.
 */
public final class ThreadWaitPolicy {

    /** The system property that chooses the policy: passive (default), active or engine. */
    public static final String PROPERTY = "artifex.ompWaitPolicy";

    /** The environment variable OpenMP reads. */
    public static final String ENVIRONMENT_VARIABLE = "OMP_WAIT_POLICY";

    private static final Logger LOG = LoggerFactory.getLogger(ThreadWaitPolicy.class);
    private static String applied;

    private ThreadWaitPolicy() {
    }

    /** The C library's environment functions. */
    interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    /** The outcome of {@link #decide}: the value to write, or null to leave the environment alone, and why. */
    record Decision(String value, String reason) {
    }

    /**
     * Decides the policy from the user's environment variable and system property.
     *
     * @param environment the current value of {@value #ENVIRONMENT_VARIABLE}, or null if unset
     * @param property the value of {@value #PROPERTY}, or null if unset
     */
    static Decision decide(String environment, String property) {
        if (environment != null && !environment.isBlank()) {
            return new Decision(null, ENVIRONMENT_VARIABLE + "=" + environment + " (set by the user)");
        }
        String choice = property == null ? "passive" : property.trim().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "passive" -> new Decision("PASSIVE", ENVIRONMENT_VARIABLE + "=PASSIVE (library default)");
            case "active" -> new Decision("ACTIVE", ENVIRONMENT_VARIABLE + "=ACTIVE (system property " + PROPERTY + ")");
            case "engine" -> new Decision(null, "OpenMP's own default (system property " + PROPERTY + "=engine)");
            default -> throw new IllegalArgumentException("system property " + PROPERTY + "=" + property
                    + " is not one of passive, active, engine");
        };
    }

    /**
     * Applies the policy once per process (later calls return the first outcome).
     *
     * @return a description of the policy in force, for the device summary
     */
    public static synchronized String apply() {
        if (applied == null) {
            applied = apply(System.getenv(ENVIRONMENT_VARIABLE), System.getProperty(PROPERTY),
                    ThreadWaitPolicy::openMpLoaded, ThreadWaitPolicy::setenv);
        }
        return applied;
    }

    /** {@link #apply()} with its inputs and effects passed in, so the rules can be tested. */
    static String apply(String environment, String property, Predicate<Path> openMpLoaded,
                        Function<String, Boolean> setenv) {
        Decision decision = decide(environment, property);
        if (decision.value() == null) {
            return decision.reason();
        }
        if (openMpLoaded.test(Path.of("/proc/self/maps"))) {
            LOG.warn("The engine was loaded before Artifex could set {}; its worker threads keep OpenMP's default"
                    + " (busy) waiting. Set the environment variable {}=PASSIVE, or call DeviceManager.get()"
                    + " before anything else uses DJL.", ENVIRONMENT_VARIABLE, ENVIRONMENT_VARIABLE);
            return "OpenMP's own default (engine loaded before Artifex could set " + ENVIRONMENT_VARIABLE + ")";
        }
        if (!setenv.apply(decision.value())) {
            return "OpenMP's own default (could not set " + ENVIRONMENT_VARIABLE + ")";
        }
        return decision.reason();
    }

    /** Whether an OpenMP runtime is among the process's mapped libraries (Linux); false where unknown. */
    static boolean openMpLoaded(Path maps) {
        if (!Files.isReadable(maps)) {
            return false;
        }
        try {
            String text = Files.readString(maps);
            return text.contains("libgomp") || text.contains("libiomp") || text.contains("libomp");
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not read {}", maps, e);
            return false;
        }
    }

    /** The variable's value in the process environment (not the JVM's start-up copy), or null. */
    static String processEnvironment(String name) {
        return clib().getenv(name);
    }

    private static boolean setenv(String value) {
        try {
            return clib().setenv(ENVIRONMENT_VARIABLE, value, 0) == 0;
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("Could not call setenv", e);
            return false;
        }
    }

    private static CLibrary clib() {
        return Native.load("c", CLibrary.class);
    }
}
