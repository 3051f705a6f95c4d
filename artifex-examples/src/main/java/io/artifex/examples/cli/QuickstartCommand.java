package io.artifex.examples.cli;

import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code artifex quickstart}: trains the reference VAE (benchmark network #1) on the embedded
 * MNIST digits with the bundled config {@code configs/vae-mnist.yaml}; no files or network needed.
 *
 * <p>Thread-safety: not thread-safe: picocli fills its option fields before {@code call}; use one
 * instance per command line.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Train the reference VAE on the embedded MNIST digits (a few minutes on 2 cores).")
public final class QuickstartCommand implements Callable<Integer> {

    /** The bundled experiment the quickstart runs. */
    public static final String CONFIG_RESOURCE = "/configs/vae-mnist.yaml";

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs", description = "Parent folder of run folders (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--epochs", paramLabel = "N", description = "Override the number of epochs (default: the config's 20).")
    Integer epochs;

    @Option(names = "--max-steps", paramLabel = "N", description = "Stop after N steps (a quick look; default: the config's epochs).")
    Long maxSteps;

    @Option(names = "--device", paramLabel = "DEVICE", description = DeviceOption.DESCRIPTION)
    String device;

    @Option(names = "--quiet", description = "No progress bar; progress is logged instead.")
    boolean quiet;

    @Override
    public Integer call() {
        ExperimentConfig experiment = Overrides.apply(bundledConfig(), "configs/vae-mnist.yaml", epochs, maxSteps, null,
                null);
        return RunReport.train(experiment, runs, quiet, DeviceOption.resolve(device), true, spec.commandLine().getOut());
    }

    /** The bundled quickstart experiment. */
    public static ExperimentConfig bundledConfig() {
        try (InputStream in = QuickstartCommand.class.getResourceAsStream(CONFIG_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled config " + CONFIG_RESOURCE + " is missing from the class path");
            }
            return ConfigIO.fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8), ExperimentConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled config " + CONFIG_RESOURCE, e);
        }
    }
}
