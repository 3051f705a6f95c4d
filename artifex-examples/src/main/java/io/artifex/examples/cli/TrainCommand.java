package io.artifex.examples.cli;

import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code artifex train --config FILE.yaml}: trains the experiment a config file describes, with
 * {@code --set key.path=value} overrides validated like the file; {@code artifex train --resume
 * RUN_DIR} continues a run from its newest checkpoint exactly as the uninterrupted run would have.
 *
 * <p>Thread-safety: not thread-safe: picocli fills its option fields before {@code call}; use one
 * instance per command line.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model from an experiment config (YAML or JSON) into a new run folder, or continue a run.")
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Experiment config (.yaml, .yml or .json); required unless --resume.")
    Path config;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue the run in RUN_DIR from its newest "
            + "checkpoint, with its recorded experiment.yaml; only --epochs, --max-steps, --device and --quiet may be given with it.")
    Path resume;

    @Option(names = "--set", paramLabel = "KEY.PATH=VALUE", description = "Override one config value, e.g. "
            + "training.optimizers.default.learningRate=1e-3 or model.encoder.hiddenDims=[64,32]; repeatable; checked like the file.")
    List<String> sets;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs", description = "Parent folder of run folders (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--epochs", paramLabel = "N", description = "Override the config's number of epochs (training.epochs).")
    Integer epochs;

    @Option(names = "--max-steps", paramLabel = "N", description = "Override the config's step limit (training.maxSteps; 0 = by epochs).")
    Long maxSteps;

    @Option(names = "--seed", paramLabel = "N", description = "Override the config's seed (training.seed).")
    Long seed;

    @Option(names = "--device", paramLabel = "DEVICE", description = DeviceOption.DESCRIPTION)
    String device;

    @Option(names = "--quiet", description = "No progress bar; progress is logged instead.")
    boolean quiet;

    @Option(names = "--no-tensorboard", description = "Write no TensorBoard event file into the run folder.")
    boolean noTensorBoard;

    @Override
    public Integer call() {
        if (resume != null) {
            if (config != null || seed != null || (sets != null && !sets.isEmpty())) {
                throw new IllegalArgumentException("--resume continues the run as recorded in " + resume.resolve("experiment.yaml")
                        + "; --config, --set and --seed cannot be given with it (only --epochs, --max-steps, --device, --quiet)");
            }
            return RunReport.resume(resume, epochs, maxSteps, quiet, DeviceOption.resolve(device), !noTensorBoard,
                    spec.commandLine().getOut());
        }
        if (config == null) {
            throw new IllegalArgumentException("train needs --config FILE (or --resume RUN_DIR to continue a run)");
        }
        ExperimentConfig experiment = Overrides.apply(ConfigIO.read(config, ExperimentConfig.class), config.toString(),
                epochs, maxSteps, seed, sets);
        return RunReport.train(experiment, runs, quiet, DeviceOption.resolve(device), !noTensorBoard,
                spec.commandLine().getOut());
    }
}
