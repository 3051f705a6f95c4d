package io.artifex.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.examples.Launcher;
import io.artifex.examples.TinyConfigs;
import java.nio.file.Path;
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

    private static final Pattern NOISE = Pattern.compile(
            "(?i).*(warn|cuda|hibernate|HV\\d{6}|deprecat|banner).*");

    @Test
    void trainWritesNoWarningsOrBannersToStderr(@TempDir Path dir) throws Exception {
        Path config = CliHarness.write(dir, "tiny.yaml", TinyConfigs.TINY_VAE.replace("maxSteps: 3", "maxSteps: 2"));
        Path runs = dir.resolve("runs");
        String train = run("./artifex train --config '" + config + "' --runs '" + runs + "' --no-tensorboard");
        Path run = CliHarness.onlyRun(runs);
        assertThat(run.resolve("summary.json")).as("the train command finished its run").exists();
        try (Stream<String> lines = train.lines()) {
            assertThat(lines.filter(l -> NOISE.matcher(l).matches()).toList()).as(train).isEmpty();
        }
        assertThat(train).as("the run still logs its progress at INFO").contains("INFO");
    }

    /** Runs {@code command} through {@link Launcher}; requires exit 0; returns its stderr. */
    private static String run(String command) throws Exception {
        Launcher.Result r = Launcher.run(command, 180);
        assertThat(r.status()).as(command + "\n" + r.err()).isZero();
        return r.err();
    }
}
