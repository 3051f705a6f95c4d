package io.artifex.examples.cli;

import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.examples.run.ExperimentRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code artifex train --config FILE.yaml}: trains the experiment a config file describes. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model from an experiment config (YAML or JSON) into a new run folder.")
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Experiment config (.yaml, .yml or .json).")
    Path config;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs", description = "Parent folder of run folders (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--epochs", paramLabel = "N", description = "Override the config's number of epochs.")
    Integer epochs;

    @Option(names = "--max-steps", paramLabel = "N", description = "Override the config's step limit (0 = by epochs).")
    Long maxSteps;

    @Option(names = "--seed", paramLabel = "N", description = "Override the config's seed.")
    Long seed;

    @Option(names = "--quiet", description = "No progress bar; progress is logged instead.")
    boolean quiet;

    @Option(names = "--no-tensorboard", description = "Write no TensorBoard event file into the run folder.")
    boolean noTensorBoard;

    @Override
    public Integer call() {
        ExperimentConfig experiment = Overrides.apply(ConfigIO.read(config, ExperimentConfig.class), epochs, maxSteps, seed);
        return RunReport.train(experiment, runs, quiet, !noTensorBoard, spec.commandLine().getOut());
    }
}
