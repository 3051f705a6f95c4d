package io.artifex.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command line with bash from the repository root, as a reader types it, with the
 * {@code ./artifex} launcher pointed at this test's class path ({@code ARTIFEX_CLASSPATH}) so that
 * it does not start a Maven build inside the build (shared by the tests that run documented
 * commands and the CLI in child processes).
 */
public final class Launcher {

    /** The repository root (tests run in their module's folder). */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /**
     * What a command did.
     *
     * @param status its exit status
     * @param out its standard output
     * @param err its standard error
     */
    public record Result(int status, String out, String err) {
    }

    private Launcher() {
    }

    /**
     * Runs {@code command} with {@code bash -c} from {@link #ROOT}, without the caller's
     * {@code ARTIFEX_JAVA_OPTS}.
     *
     * @throws AssertionError when it still runs after {@code timeoutSeconds} (it is killed)
     */
    public static Result run(String command, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("ARTIFEX_CLASSPATH", System.getProperty("java.class.path"));
            builder.environment().remove("ARTIFEX_JAVA_OPTS");
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(command + ": still running after " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
