package io.artifex.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.examples.TinyConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a CPU machine at the default log level the command line prints no engine warnings and no
 * banners (issue 19: "CUDA driver version is insufficient" twice, a Hibernate Validator banner and
 * a PyTorch deprecation warning on every command). Runs {@code ./artifex train} (2 steps of a tiny
 * VAE, with its test-set evaluation, pictures and model archive: engine start, config validation,
 * training, sampling) through the launcher in a child JVM, with the launcher's logging configuration
 * ({@code simplelogger.properties}, {@link ArtifexCli}'s logging provider), and requires that
 * it writes no line to standard error that is a warning or names CUDA, Hibernate Validator or
 * a deprecation. The launcher runs with this test's class path ({@code ARTIFEX_CLASSPATH}), so it
 * does not build. Planted bugs it catches: the {@code ai.djl.util.cuda} or
 * {@code org.hibernate.validator} level lines removed from {@code simplelogger.properties}, or the
 * {@code org.jboss.logging.provider} property removed from {@link ArtifexCli}.
 */
class QuietStderrTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern NOISE = Pattern.compile(
            "(?i).*(warn|cuda|hibernate|HV\\d{6}|deprecat|banner).*");

    @Test
    void trainWritesNoWarningsOrBannersToStderr(@TempDir Path dir) throws Exception {
        Path config = CliHarness.write(dir, "tiny.yaml", TinyConfigs.TINY_VAE.replace("maxSteps: 3", "maxSteps: 2"));
        Path runs = dir.resolve("runs");
        String train = run(dir, "./artifex train --config '" + config + "' --runs '" + runs + "' --no-tensorboard");
        Path run = CliHarness.onlyRun(runs);
        assertThat(run.resolve("summary.json")).as("the train command finished its run").exists();
        try (Stream<String> lines = train.lines()) {
            assertThat(lines.filter(l -> NOISE.matcher(l).matches()).toList()).as(train).isEmpty();
        }
        assertThat(train).as("the run still logs its progress at INFO").contains("INFO");
    }

    /** Runs {@code command} with bash from the repository root; requires exit 0; returns its stderr. */
    private static String run(Path dir, String command) throws Exception {
        Path out = dir.resolve("out.log");
        Path err = dir.resolve("err.log");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("ARTIFEX_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().remove("ARTIFEX_JAVA_OPTS");
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + ": still running after 180 s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(command + "\n" + stderr).isZero();
        return stderr;
    }
}
